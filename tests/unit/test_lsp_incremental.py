"""Re-scanning only the statements an edit touched gives what a full scan gives."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from railguard.config import default_config
from railguard.engine.engine import Engine
from railguard.lsp_server import incremental
from railguard.lsp_server.buffer import Buffer

ENGINE = Engine(default_config())

SOURCE = '''"""Module."""
import pickle
import subprocess

import yaml

TIMEOUT = 3


def load(fh):
    return yaml.load(fh)


class Store:
    def restore(self, blob):
        return pickle.loads(blob)

    def run(self, cmd):
        return subprocess.run(cmd, shell=True)


# a comment between statements


def fine(fh):
    return yaml.safe_load(fh)
'''

SNIPPETS = ["", "x", " ", "\n", "\n    y = yaml.load(a)\n", "load", "safe_load", "(", ")", "#", "\n\n",
            "    return pickle.loads(b)\n", "def g():\n    eval(s)\n", "import os\n", '"""', "😀",
            "  # railguard: ignore[python.yaml-load] ok", "shell=True"]


def key(findings):
    return sorted((f.rule_id, f.range.start_byte, f.range.end_byte, f.range.start.line, f.range.start.column,
                   tuple((e.range.start_byte, e.range.end_byte, e.new_text) for e in f.fix.edits) if f.fix else ())
                  for f in findings)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 26), st.integers(0, 40), st.integers(0, 6),
                          st.sampled_from(SNIPPETS)),
                min_size=1, max_size=6),
       st.integers(1, 3))
@example(edits=[(0, 0, 0, "    return pickle.loads(b)\n"), (0, 0, 4, "x"), (15, 0, 0, "😀"), (14, 5, 0, "(")], every=1)
# text inserted right at the end of a finding: the region must grow over the finding it moved
@example(edits=[(1, 8, 0, "def g():\n    eval(s)\n"), (2, 11, 0, "def g():\n    eval(s)\n")], every=1)
# two regions (a function inserted at the top, an empty edit at a class): each is queried
@example(edits=[(0, 0, 0, ''), (0, 0, 0, 'def g():\n    eval(s)\n'), (15, 0, 0, '')], every=2)
def test_partial_scans_equal_full_scans(edits, every):
    b = Buffer("file:///m.py", "m.py", SOURCE, 1)
    snap = b.snapshot()
    result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
    b.adopt(snap, result.base)
    partial_scans = 0
    for i, (line, col, span, text) in enumerate(edits):
        b.apply_change((line, col), (line, col + span), text)
        b.version += 1
        if i % every == 0 or i == len(edits) - 1:
            snap = b.snapshot()
            result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
            partial_scans += bool(result.partial)
            full = ENGINE.scan_document(Buffer("file:///m.py", "m.py", b.data.decode("utf-8", "surrogateescape"), 0)
                               .snapshot().document, "editor")
            assert key(result.findings) == key(full.findings), b.data.decode()
            b.adopt(snap, result.base)


def test_an_edit_inside_a_function_rescans_only_that_function():
    b = Buffer("file:///m.py", "m.py", SOURCE, 1)
    snap = b.snapshot()
    b.adopt(snap, ENGINE.scan_document(snap.document, "editor").base)
    line = SOURCE.split("\n").index("    return yaml.load(fh)")
    b.apply_change((line, 11), (line, 15), "yaml.safe_load")
    b.version = 2
    snap = b.snapshot()
    regions = incremental.regions_for(snap.document.tree, "python", snap.edits, snap.old_tree)
    assert regions is not None and len(regions) == 1
    start, end = regions[0]
    assert snap.document.data[start:end].startswith(b"def load(fh):")
    result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
    assert result.partial == ["query"]
    assert "python.yaml-load" not in {f.rule_id for f in result.findings}
    assert "python.pickle-loads" in {f.rule_id for f in result.findings} or len(result.findings) >= 1


def test_an_edit_at_module_level_scans_everything():
    b = Buffer("file:///m.py", "m.py", SOURCE, 1)
    snap = b.snapshot()
    b.adopt(snap, ENGINE.scan_document(snap.document, "editor").base)
    b.apply_change((6, 0), (6, 7), "LIMIT")  # TIMEOUT = 3
    snap = b.snapshot()
    assert incremental.regions_for(snap.document.tree, "python", snap.edits, snap.old_tree) is None


def test_dirty_ranges_follow_later_edits():
    # insert 3 bytes at 10, then replace [2, 4) by 1 byte: the first range moves left by one
    assert incremental.dirty_ranges([(10, 10, 13), (2, 4, 3)]) == [(2, 3), (9, 12)]
    assert incremental.dirty_ranges([(10, 10, 13), (11, 12, 11)]) == [(10, 12)]
    assert incremental.map_offset(20, [(10, 10, 13), (2, 4, 3)]) == 22
    assert incremental.map_offset(11, [(10, 12, 10)]) is None


NESTED = '''import pickle
import subprocess

import yaml


class Service:
    """Docstring."""
    password_hash: str = ""

    @staticmethod
    def restore(blob):
        return pickle.loads(blob)

    class Inner:
        level = 1

        def run(self, cmd):
            return subprocess.run(cmd, shell=True)

        def load(self, fh):
            data = fh.read()
            return yaml.load(data)

    def fine(self, fh):
        return yaml.safe_load(fh)
'''
# lines inside method bodies (0-based): restore, run, load (two lines), fine
METHOD_LINES = [12, 18, 21, 22, 25]
METHOD_SNIPPETS = ["x", " ", "eval(s)", "yaml.load(a)", "pickle.loads(b)", "safe_", "shell=True", "(", ")",
                   "\n        y = yaml.load(a)", "# c", "\n    def g(self):\n        eval(s)", "\n    z = 1",
                   "  # railguard: ignore[python.yaml-load]"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(METHOD_LINES), st.integers(0, 40), st.integers(0, 4),
                          st.sampled_from(METHOD_SNIPPETS)), min_size=1, max_size=5))
@example(edits=[(22, 24, 4, "safe_load")])
def test_region_scans_after_edits_inside_methods_equal_full_scans(edits):
    b = Buffer("file:///n.py", "n.py", NESTED, 1)
    snap = b.snapshot()
    b.adopt(snap, ENGINE.scan_document(snap.document, "editor").base)
    for line, col, span, text in edits:
        b.apply_change((line, col), (line, col + span), text)
        b.version += 1
        snap = b.snapshot()
        result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
        full = ENGINE.scan_document(Buffer("file:///n.py", "n.py", b.data.decode("utf-8", "surrogateescape"), 0)
                                    .snapshot().document, "editor")
        assert key(result.findings) == key(full.findings), b.data.decode()
        b.adopt(snap, result.base)


def regions_after(source: str, line: int, col: int, span: int, text: str):
    b = Buffer("file:///n.py", "n.py", source, 1)
    snap = b.snapshot()
    b.adopt(snap, ENGINE.scan_document(snap.document, "editor").base)
    b.apply_change((line, col), (line, col + span), text)
    b.version = 2
    snap = b.snapshot()
    regions = incremental.regions_for(snap.document.tree, "python", snap.edits, snap.old_tree)
    return snap.document.data, regions


def test_an_edit_inside_a_nested_method_rescans_only_that_method():
    data, regions = regions_after(NESTED, 22, 24, 4, "safe_load")  # yaml.load -> yaml.safe_load in Inner.load
    assert regions is not None and len(regions) == 1
    text = data[regions[0][0]:regions[0][1]].decode()
    assert text.startswith("def load(self, fh):") and text.rstrip().endswith("return yaml.safe_load(data)")


def test_an_edit_in_a_decorated_method_rescans_it_with_its_decorators():
    data, regions = regions_after(NESTED, 12, 22, 5, "load")  # pickle.loads -> pickle.load in restore
    assert regions is not None and len(regions) == 1
    text = data[regions[0][0]:regions[0][1]].decode()
    assert text.startswith("@staticmethod\n    def restore(blob):") and "class" not in text


def test_an_edit_of_a_class_attribute_rescans_the_class():
    data, regions = regions_after(NESTED, 8, 4, 13, "token")  # password_hash -> token
    assert regions is not None and len(regions) == 1
    assert data[regions[0][0]:regions[0][1]].decode().startswith("class Service:")
    data, regions = regions_after(NESTED, 15, 16, 1, "2")  # Inner.level = 2
    assert regions is not None and data[regions[0][0]:regions[0][1]].decode().startswith("class Inner:")


JS_CLASS = '''const cp = require("child_process");

class Runner {
  constructor(cmd) {
    this.cmd = cmd;
  }

  run(req) {
    return cp.exec(req.query.cmd);
  }

  other(x) {
    return eval(x);
  }
}
'''
JAVA_CLASS = '''import java.sql.*;

public class Repo {
    private Connection conn;

    public ResultSet find(String name) throws Exception {
        Statement st = conn.createStatement();
        return st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    }

    public int other(int x) {
        return x + 1;
    }
}
'''


@pytest.mark.parametrize(("path", "source", "line", "col", "text", "method"), [
    ("a.js", JS_CLASS, 12, 11, "x", "other(x) {"),
    ("a.js", JS_CLASS, 8, 11, "(", "run(req) {"),
    ("Repo.java", JAVA_CLASS, 11, 15, " + 2", "public int other(int x) {"),
    ("Repo.java", JAVA_CLASS, 7, 8, "  ", "public ResultSet find(String name)"),
])
def test_methods_of_javascript_and_java_classes_are_rescanned_alone(path, source, line, col, text, method):
    b = Buffer(f"file:///{path}", path, source, 1)
    snap = b.snapshot()
    b.adopt(snap, ENGINE.scan_document(snap.document, "editor").base)
    b.apply_change((line, col), (line, col), text)
    b.version = 2
    snap = b.snapshot()
    regions = incremental.regions_for(snap.document.tree, snap.document.language, snap.edits, snap.old_tree)
    assert regions is not None and len(regions) == 1
    assert snap.document.data[regions[0][0]:regions[0][1]].decode().startswith(method)
    result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
    full = ENGINE.scan_document(Buffer(f"file:///{path}", path, b.data.decode(), 0).snapshot().document, "editor")
    assert result.partial == ["query"] and key(result.findings) == key(full.findings)


WIDE = '''import smtplib

server = smtplib.SMTP("mail.example.org", 25)


def connect(password):
    return password


def other(fh):
    return fh.read()
'''


@pytest.mark.parametrize("edit", ['    server.login("alerts", password)\n', '    server.starttls()\n'])
def test_an_edit_in_one_function_updates_findings_that_read_the_whole_file(edit):
    """python.smtp-login-without-tls reads the enclosing scope: at module level, the whole file.
    An edit inside connect() re-queries connect() alone, yet the module-level SMTP() call's
    finding follows what the edit wrote."""
    text = WIDE if "login" in edit else WIDE.replace("    return password\n",
                                                      '    server.login("alerts", password)\n    return password\n')
    b = Buffer("file:///w.py", "w.py", text, 1)
    snap = b.snapshot()
    b.adopt(snap, ENGINE.scan_document(snap.document, "editor").base)
    line = text.split("\n").index("def connect(password):") + 1
    b.apply_change((line, 0), (line, 0), edit)
    b.version = 2
    snap = b.snapshot()
    regions = incremental.regions_for(snap.document.tree, "python", snap.edits, snap.old_tree)
    assert regions is not None and snap.document.data[regions[0][0]:].startswith(b"def connect")
    result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
    assert result.partial == ["query"]
    assert "python.smtp-login-without-tls" in result.rule_regions
    full = ENGINE.scan_document(Buffer("file:///w.py", "w.py", b.data.decode(), 0).snapshot().document, "editor")
    assert key(result.findings) == key(full.findings)
    assert ("python.smtp-login-without-tls" in {f.rule_id for f in full.findings}) == ("login" in edit)


TAINTED = '''import os
import sys

TARGET = sys.argv[1]


def run():
    os.system("ping " + TARGET)


def other():
    return 1
'''


def test_an_edit_elsewhere_keeps_what_the_analyzers_after_the_query_analyzer_read():
    """The os.system() call's query finding is tagged taint-deferrable: the taint analyzer
    analyses run() because of it (no source is named there) and reports the flow from the
    module-level sys.argv; the query finding gives way to it. An edit inside other() re-queries
    other() alone: the taint analyzer still sees the kept query finding, and the result is the
    full scan's."""
    b = Buffer("file:///t.py", "t.py", TAINTED, 1)
    snap = b.snapshot()
    first = ENGINE.scan_document(snap.document, "editor")
    assert "taint.python.command-injection" in {f.rule_id for f in first.findings}
    b.adopt(snap, first.base)
    line = TAINTED.split("\n").index("def other():") + 1
    b.apply_change((line, 0), (line, 0), "    x = 2\n")
    b.version = 2
    snap = b.snapshot()
    result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
    assert result.partial == ["query"]
    full = ENGINE.scan_document(Buffer("file:///t.py", "t.py", b.data.decode(), 0).snapshot().document, "editor")
    assert key(result.findings) == key(full.findings)
    assert "taint.python.command-injection" in {f.rule_id for f in result.findings}


CODEC = '''import json
import pickle


class Container:
    def to_payload(self, batch):
        return pickle.dumps(batch)

    def from_payload(self, payload):
        return pickle.loads(payload.data)
'''


def test_an_edit_in_another_method_updates_a_finding_that_reads_its_class():
    """python.pickle-load's confidence reads the enclosing class (a codec that also pickles is
    low): an edit in to_payload() changes the confidence of the finding in from_payload()."""
    b = Buffer("file:///c.py", "c.py", CODEC, 1)
    snap = b.snapshot()
    base = ENGINE.scan_document(snap.document, "editor")
    assert [f.confidence.name for f in base.findings if f.rule_id == "python.pickle-load"] == ["LOW"]
    b.adopt(snap, base.base)
    line = CODEC.split("\n").index("        return pickle.dumps(batch)")
    b.apply_change((line, 15), (line, 21), "json")
    b.version = 2
    snap = b.snapshot()
    result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
    full = ENGINE.scan_document(Buffer("file:///c.py", "c.py", b.data.decode(), 0).snapshot().document, "editor")
    assert "json.dumps(batch)" in b.data.decode()
    assert [(f.rule_id, f.line, f.confidence) for f in result.findings if f.rule_id == "python.pickle-load"] == \
        [(f.rule_id, f.line, f.confidence) for f in full.findings if f.rule_id == "python.pickle-load"]
    assert [f.confidence.name for f in full.findings if f.rule_id == "python.pickle-load"] == ["MEDIUM"]


@pytest.mark.parametrize(("text", "start", "end", "insert"), [
    ("import os\n\n\ndef f():\n    return 1\n", (4, 4), (4, 12), "return yaml.load(data)"),
    ("import os\n", (1, 0), (1, 0), "yaml.load(data)\n"),
    ("x", (0, 0), (0, 1), "yaml.load(data)\n"),
])
def test_a_rule_that_reads_the_file_finds_what_an_edit_writes_when_its_file_facts_stay(text, start, end, insert):
    """python.yaml-load reads the whole file (a ruamel `yaml = YAML()` or a project's own `yaml`
    module make it quiet); when what it reads there is unchanged, the edit's region is queried for
    it alone, and its finding there is reported as a full scan reports it."""
    b = Buffer("file:///y.py", "y.py", text, 1)
    snap = b.snapshot()
    b.adopt(snap, ENGINE.scan_document(snap.document, "editor").base)
    b.apply_change(start, end, insert)
    b.version = 2
    snap = b.snapshot()
    result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree, snap.base_data)
    full = ENGINE.scan_document(Buffer("file:///y.py", "y.py", b.data.decode(), 0).snapshot().document, "editor")
    assert "python.yaml-load" in {f.rule_id for f in full.findings}
    assert key(result.findings) == key(full.findings)
