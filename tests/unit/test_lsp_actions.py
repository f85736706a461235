"""Code action planning and diagnostic conversion, without a server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from railguard.engine.baseline import load_baseline
from railguard.engine.document import Document
from railguard.lsp_server import actions, convert
from railguard.lsp_server.buffer import Buffer
from railguard.model import (
    Confidence,
    Evidence,
    Finding,
    Fix,
    Location,
    Position,
    Range,
    Severity,
    TextEdit,
)
from tests.edits import apply_edits

ROOT = Path(__file__).resolve().parents[2]


def fake_secret(buffer: Buffer, value: str, rule_id: str = "secrets.generic-api-key") -> Finding:
    """A finding as the secrets analyzer reports one: the range covers the value, evidence redacted."""
    start = buffer.data.index(value.encode())
    end = start + len(value.encode())
    doc = Document(buffer.path, buffer.data)
    return Finding(rule_id, Severity.HIGH, Confidence.HIGH, "A hard-coded API key", buffer.path,
                   doc.range_of(start, end), cwe=(798,), analyzer="secrets",
                   evidence=Evidence("sk_l…", redacted=True, secret_prefix="sk_l", secret_length=24))


def apply(buffer: Buffer, edits: list[actions.Edit]) -> str:
    data = buffer.data
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        data = data[: e.start] + e.text.encode() + data[e.end:]
    return data.decode()


SECRET = "sk_live_0123456789abcdefABCD"  # railguard: ignore[secrets.stripe-secret-key] fake key, the test replaces it


@pytest.mark.parametrize("path,source,expected", [
    ("app.py", f'"""Settings."""\nfrom __future__ import annotations\n\nSTRIPE_API_KEY = "{SECRET}"\n',
     '"""Settings."""\nfrom __future__ import annotations\nimport os\n\nSTRIPE_API_KEY = os.environ["STRIPE_API_KEY"]\n'),
    ("app.py", f'import os\nclient = Client(api_key="{SECRET}")\n',
     'import os\nclient = Client(api_key=os.environ["API_KEY"])\n'),
    ("app.js", f"const stripeKey = '{SECRET}';\n", "const stripeKey = process.env.STRIPE_KEY;\n"),
    ("app.ts", f"export const config = {{ apiToken: `{SECRET}` }};\n",
     "export const config = { apiToken: process.env.API_TOKEN };\n"),
    ("App.java", f'class A {{ String apiKey = "{SECRET}"; }}\n', 'class A { String apiKey = System.getenv("API_KEY"); }\n'),
    ("main.go", f'package main\n\nimport (\n\t"fmt"\n)\n\nvar token = "{SECRET}"\n',
     'package main\n\nimport (\n\t"os"\n\t"fmt"\n)\n\nvar token = os.Getenv("TOKEN")\n'),
    ("main.go", f'package main\n\nfunc f() {{ key := "{SECRET}" }}\n',
     'package main\n\nimport "os"\n\nfunc f() { key := os.Getenv("KEY") }\n'),
])
def test_secret_becomes_an_environment_lookup(path, source, expected):
    buffer = Buffer(f"file:///{path}", path, source, 1)
    finding = fake_secret(buffer, SECRET)
    planned = actions.env_var_edits(buffer, buffer.language, finding.range.start_byte, finding.range.end_byte,
                                    finding.rule_id)
    assert planned is not None
    assert apply(buffer, planned[1]) == expected


def test_secret_without_an_assignment_is_named_after_the_rule():
    buffer = Buffer("file:///a.py", "a.py", f'import os\nconnect("{SECRET}")\n', 1)
    f = fake_secret(buffer, SECRET, "secrets.stripe-live-key")
    name, _ = actions.env_var_edits(buffer, "python", f.range.start_byte, f.range.end_byte, f.rule_id)
    assert name == "STRIPE_LIVE_KEY"


def test_no_environment_lookup_for_languages_without_an_idiom():
    buffer = Buffer("file:///a.yaml", "a.yaml", f"key: {SECRET}\n", 1)
    f = fake_secret(buffer, SECRET)
    assert actions.env_var_edits(buffer, "yaml", f.range.start_byte, f.range.end_byte, f.rule_id) is None


@pytest.mark.parametrize("path,source,line,expected", [
    ("a.py", "x = yaml.load(d)\n", 0, "x = yaml.load(d)  # railguard: ignore[python.yaml-load] <reason>\n"),
    ("a.js", "eval(x);\n", 0, "eval(x);  // railguard: ignore[python.yaml-load] <reason>\n"),
    ("a.py", "x = 1 + \\\n    yaml.load(d)\n", 0,
     "# railguard: ignore[python.yaml-load] <reason>\nx = 1 + \\\n    yaml.load(d)\n"),
    ("a.py", "x = f(d)  # railguard: ignore[python.other] ok\n", 0,
     "x = f(d)  # railguard: ignore[python.other,python.yaml-load] ok\n"),
])
def test_suppression_comment(path, source, line, expected):
    buffer = Buffer(f"file:///{path}", path, source, 1)
    edit = actions.suppress_edit(buffer, buffer.language, line, "python.yaml-load")
    assert edit is not None
    assert apply(buffer, [edit]) == expected


def test_no_suppression_where_the_language_has_no_comments():
    buffer = Buffer("file:///a.json", "a.json", '{"a": 1}\n', 1)
    assert actions.suppress_edit(buffer, buffer.language, 0, "r") is None


def _finding_with_fix(doc: Document, start: int, end: int, text: str, safe: bool = True) -> Finding:
    rng = doc.range_of(start, end)
    return Finding("r", Severity.HIGH, Confidence.HIGH, "m", doc.path, rng,
                   fix=Fix("d", (TextEdit(rng, text),), safe=safe))


def test_fix_all_applies_what_apply_edits_applies():
    data = b"aaaa bbbb cccc dddd"
    doc = Document("t.py", data)
    findings = [
        _finding_with_fix(doc, 0, 4, "A"),
        _finding_with_fix(doc, 2, 7, "overlaps the first"),
        _finding_with_fix(doc, 10, 14, "C"),
        _finding_with_fix(doc, 15, 19, "unsafe", safe=False),
    ]
    edits = actions.fix_all_edits(findings)
    engine_edits = [e for f in findings if f.fix and f.fix.safe for e in f.fix.edits]
    expected = apply_edits(data, engine_edits)
    out = data
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[: e.start] + e.text.encode() + out[e.end:]
    assert out == expected
    assert b"unsafe" not in out


def test_add_to_baseline_writes_a_loadable_file_once(tmp_path):
    path = tmp_path / ".railguard-baseline.json"
    assert actions.add_to_baseline(path, "src/a.py", "python.yaml-load", "abc") is True
    assert actions.add_to_baseline(path, "src/a.py", "python.yaml-load", "abc") is False
    assert actions.add_to_baseline(path, "src/b.py", "python.yaml-load", "def") is True
    assert load_baseline(path).entries == {("src/a.py", "python.yaml-load", "abc"),
                                           ("src/b.py", "python.yaml-load", "def")}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_diagnostic_fields(tmp_path):
    text = f"s = '{'😀'}'; v = yaml.load(d)\nroute()\n"
    buffer = Buffer("file:///x/a.py", "a.py", text, 7)
    doc = Document("a.py", buffer.data)
    start = buffer.data.index(b"yaml.load")
    end = buffer.data.index(b"(d)") + 3
    related_start = buffer.data.index(b"route")
    finding = Finding(
        "python.yaml-load", Severity.CRITICAL, Confidence.HIGH, "unsafe yaml", "a.py", doc.range_of(start, end),
        cwe=(502, 20), fingerprint="fp1",
        fix=Fix("Use safe_load", (TextEdit(doc.range_of(start + 5, start + 9), "safe_load"),)),
        related=(Location("a.py", doc.range_of(related_start, related_start + 5), "the protected sibling route"),
                 Location("other.py", Range(Position(3, 1), Position(3, 4)), "source")),
    )
    d = convert.diagnostic(finding, buffer, 7, tmp_path, "https://docs.example/rules/")
    assert d.code == "python.yaml-load" and d.source == "railguard"
    assert "CWE-502" in d.message and "CWE-20" in d.message
    assert d.severity == convert.types.DiagnosticSeverity.Error
    # UTF-16: the emoji before the finding counts twice
    assert (d.range.start.line, d.range.start.character) == (0, text.index("yaml") + 1)
    assert d.code_description.href == "https://docs.example/rules/python.yaml-load"
    assert d.related_information[0].location.uri == "file:///x/a.py"
    assert d.related_information[0].location.range.start.line == 1
    assert d.related_information[1].location.uri == (tmp_path / "other.py").as_uri()
    assert d.data["fp"] == "fp1" and d.data["v"] == 7 and d.data["rule"] == "python.yaml-load"
    assert d.data["fix"]["edits"] == [[0, text.index("yaml") + 6, 0, text.index("yaml") + 10, "safe_load"]]
    json.dumps(d.data)  # travels as JSON
    plain = convert.diagnostic(finding, buffer, 7, tmp_path, "", convert.DiagnosticSupport())
    assert plain.code_description is None and plain.related_information is None


def test_secret_diagnostic_never_carries_the_value():
    buffer = Buffer("file:///a.py", "a.py", f'KEY = "{SECRET}"\n', 1)
    d = convert.diagnostic(fake_secret(buffer, SECRET), buffer, 1, Path("/"))
    assert d.data["secret"] is True
    assert SECRET not in json.dumps(d.data) and SECRET not in d.message


@pytest.mark.parametrize("uri", ["not a uri", "file://host/share/a.py", "http://x/a.py", "file:", "file:///a%00b",
                                 "untitled:Untitled-1", "file://%%%"])
def test_malformed_or_foreign_uris_have_no_path(uri):
    assert convert.uri_to_path(uri) is None


def test_cli_and_scan_never_import_the_language_server_stack(tmp_path):
    (tmp_path / "a.py").write_text("import yaml\nyaml.load(x)\n")
    code = (
        "import sys, railguard.cli, railguard.commands.scan, railguard.commands.rules, "
        "railguard.commands.baseline\n"
        "railguard.cli.build_parser()\n"
        f"rc = railguard.cli.main(['scan', {str(tmp_path)!r}, '--no-cache', '-f', 'json'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs'))\n"
        "print('LOADED', bad, rc, file=sys.stderr)\n"
        "sys.exit(3 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "LOADED [] 1" in out.stderr
