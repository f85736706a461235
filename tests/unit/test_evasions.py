"""Spellings that hide a call from a rule naming a module function: each is reported under the
rule's own id at the original place, and look-alikes that call something else are not."""

from __future__ import annotations

import pytest

from railguard.config import default_config
from railguard.engine.canonical import canonical_source
from railguard.engine.document import Document
from railguard.engine.engine import Engine

_ENGINES: dict[bool, Engine] = {}


def _scan(source: str, *, small: bool = False, path: str = "app.py") -> list[tuple[str, int, str]]:
    engine = _ENGINES.get(small) or _ENGINES.setdefault(small, Engine(default_config(), small_scan=small))
    doc = Document(path, source.encode("utf-8"))
    result = engine.scan_document(doc)
    return sorted((f.rule_id, f.range.start.line + 1, doc.data[f.range.start_byte:f.range.end_byte].decode())
                  for f in result.findings)


ATTACKS = {
    "from-import": ("from os import system\ndef f(cmd):\n    system(cmd)\n", "python.os-system", 3, "system(cmd)"),
    "from-import-as": ("from os import system as s\ndef f(cmd):\n    s(cmd)\n", "python.os-system", 3, "s(cmd)"),
    "module-alias": ("import pickle as p\ndef f(b):\n    return p.loads(b)\n", "python.pickle-load", 3, "p.loads(b)"),
    "yaml-from-import": ("from yaml import load\ndef f(s):\n    return load(s)\n", "python.yaml-load", 3, "load(s)"),
    "nfkc": ("import os\ndef f(cmd):\n    os.\U0001d634ystem(cmd)\n", "python.os-system", 3, "os.\U0001d634ystem(cmd)"),
    "getattr": ('import os\ndef f(cmd):\n    getattr(os, "system")(cmd)\n', "python.os-system", 3,
                'getattr(os, "system")(cmd)'),
    "__import__": ('def f(cmd):\n    __import__("os").system(cmd)\n', "python.os-system", 2,
                   '__import__("os").system(cmd)'),
    "nested": ('def f(cmd):\n    getattr(__import__("os"), "system")(cmd)\n', "python.os-system", 2,
               'getattr(__import__("os"), "system")(cmd)'),
    "import_module": ('import importlib\ndef f(b):\n    importlib.import_module("pickle").loads(b)\n',
                      "python.pickle-load", 3, 'importlib.import_module("pickle").loads(b)'),
}


@pytest.mark.parametrize("small", [False, True], ids=["full", "small-scan"])
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_an_evasion_is_reported_with_the_canonical_rule_at_the_original_place(name, small):
    source, rule, line, text = ATTACKS[name]
    assert (rule, line, text) in _scan(source, small=small)


NEGATIVES = {
    "own-system-function": "def system(cmd):\n    return cmd\ndef f(cmd):\n    system(cmd)\n",
    "json-load": "from json import load\ndef f(fh):\n    return load(fh)\n",
    "json-alias": "import json as p\ndef f(b):\n    return p.loads(b)\n",
    "shadowed-import": "from os import system\ndef system(cmd):\n    return cmd\ndef f(cmd):\n    system(cmd)\n",
    "relative-import": "from .tools import system\ndef f(cmd):\n    system(cmd)\n",
    "getattr-variable": "import os\ndef f(cmd, name):\n    getattr(os, name)(cmd)\n",
    "getattr-fstring": 'import os\ndef f(cmd, n):\n    getattr(os, f"sys{n}")(cmd)\n',
    "attribute-named-like-import": "from yaml import load\ndef f(s, cfg):\n    return cfg.load(s)\n",
}


@pytest.mark.parametrize("name", sorted(NEGATIVES))
def test_a_look_alike_that_calls_something_else_is_not_reported(name):
    found = {r for r, _, _ in _scan(NEGATIVES[name])}
    assert not found & {"python.os-system", "python.pickle-load", "python.yaml-load"}, found


def test_the_rewrite_maps_every_range_back_to_the_original_bytes():
    data = b'from os import system\nimport pickle as p\nsystem(a); p.loads(b); getattr(os, "popen")(c)\n'
    doc = Document("a.py", data)
    source = canonical_source(data, doc.tree.root_node, {"os", "pickle"})
    assert source is not None
    assert source.data.endswith(b'os.system(a); pickle.loads(b); os.popen(c)\n')
    new = source.data.index(b"pickle.loads(b)")
    lo, hi = source.original_offset(new), source.original_offset(new + len(b"pickle.loads(b)"), end=True)
    assert data[lo:hi] == b"p.loads(b)"
    new = source.data.index(b"os.popen(c)")
    lo, hi = source.original_offset(new), source.original_offset(new + len(b"os.popen(c)"), end=True)
    assert data[lo:hi] == b'getattr(os, "popen")(c)'


def test_a_file_without_evasions_is_not_rewritten():
    data = b"import os\nfrom json import loads\nos.system(x)\n"
    assert canonical_source(data, Document("a.py", data).tree.root_node, {"os"}) is None


# ---------------------------------------------------------------- secrets spelled in pieces

_AWS = "AKIAQ3ZPLMT7XW4RN2BV"  # railguard: ignore[secrets.aws-access-key-id] test data
_GH = "ghp_Zr8kQ2mX7pLw4NvB9tYc3HsD6fJa1GeUo5Ri"  # railguard: ignore[secrets.github-token] test data

SECRET_ATTACKS = {
    "plus": (f'KEY = "{_AWS[:4]}" + "{_AWS[4:]}"\n', "secrets.aws-access-key-id", 1, _AWS),
    "implicit": (f'TOKEN = ("{_GH[:4]}" "{_GH[4:20]}"\n         "{_GH[20:]}")\n', "secrets.github-token", 1, _GH),
    "js-plus": (f"const key = '{_GH[:10]}' +\n  '{_GH[10:]}';\n", "secrets.github-token", 1, _GH),
    "base64": (f'KEY = "{__import__("base64").b64encode(_AWS.encode()).decode()}"\n', "secrets.aws-access-key-id", 1, _AWS),
}


@pytest.mark.parametrize("name", sorted(SECRET_ATTACKS))
def test_a_key_in_pieces_is_reported_redacted_under_its_provider(name):
    source, rule, line, key = SECRET_ATTACKS[name]
    path = "app.js" if name.startswith("js") else "app.py"
    result = _ENGINES.get(False) or _ENGINES.setdefault(False, Engine(default_config()))
    findings = [f for f in result.scan_document(Document(path, source.encode())).findings if f.rule_id == rule]
    assert [f.range.start.line + 1 for f in findings] == [line]
    evidence = findings[0].evidence
    assert evidence is not None and evidence.redacted and evidence.secret_length == len(key)
    for piece in (key, key[4:], key[-16:]):
        assert piece not in evidence.snippet and piece not in findings[0].message


SECRET_NEGATIVES = {
    "words": 'NAME = "first" + "last"\nURL = "https://" "example.com/" + path\n',
    "one-literal": f'KEY = "{_AWS}" + suffix\n',  # the line detectors report it once, not twice
    "image-data": 'PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="\n',
    "base64-prose": f'MSG = "{__import__("base64").b64encode(b"hello world, nothing to see here").decode()}"\n',
}


@pytest.mark.parametrize("name", sorted(SECRET_NEGATIVES))
def test_pieces_that_are_no_key_add_nothing(name):
    engine = _ENGINES.get(False) or _ENGINES.setdefault(False, Engine(default_config()))
    findings = engine.scan_document(Document("app.py", SECRET_NEGATIVES[name].encode())).findings
    secrets = [f.rule_id for f in findings if f.rule_id.startswith("secrets.")]
    assert secrets == (["secrets.aws-access-key-id"] if name == "one-literal" else []), secrets


# ---------------------------------------------------------------- code embedded in other formats


def _notebook(cells: list[dict], *, indent: int | None = 1, kernel: str = "python") -> str:
    import json

    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"language": kernel, "name": kernel}},
                       "nbformat": 4, "nbformat_minor": 5}, indent=indent)


_CODE = {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
         "source": ["import os, yaml\n", "def run(cmd, s):\n", '    print("a \\"quoted\\" word")\n',
                    "    os.system(cmd)\n", "    return yaml.load(s)\n"]}
_PROSE = {"cell_type": "markdown", "metadata": {}, "source": ["Never call `os.system(cmd)` or `yaml.load(s)`.\n"]}


def _located(source: str, path: str) -> set[tuple[str, int, int]]:
    doc = Document(path, source.encode())
    engine = _ENGINES.get(False) or _ENGINES.setdefault(False, Engine(default_config()))
    return {(f.rule_id, f.range.start.line, f.range.start.column) for f in engine.scan_document(doc).findings}


@pytest.mark.parametrize("indent", [1, None], ids=["nbformat-layout", "one-line"])
def test_a_notebook_code_cell_is_scanned_at_the_right_place_of_the_file(indent):
    text = _notebook([_PROSE, _CODE], indent=indent)
    found = _located(text, "analysis.ipynb")
    expected = set()
    for rule, needle in (("python.os-system", "os.system(cmd)"), ("python.yaml-load", "yaml.load(s)")):
        at = text.index(needle, text.index('"code"') if indent is None else text.index("def run"))
        line = text.count("\n", 0, at)
        expected.add((rule, line, at - (text.rfind("\n", 0, at) + 1)))
    assert expected <= found, found
    assert {r for r, _, _ in found} & {"python.os-system", "python.yaml-load"} == {"python.os-system", "python.yaml-load"}
    assert len([r for r, _, _ in found if r == "python.os-system"]) == 1  # the markdown cell is prose


def test_a_notebook_finding_offers_no_fix_that_would_write_code_into_json():
    engine = _ENGINES.get(False) or _ENGINES.setdefault(False, Engine(default_config()))
    source = _notebook([_CODE])
    findings = [f for f in engine.scan_document(Document("a.ipynb", source.encode())).findings
                if f.rule_id == "python.yaml-load"]
    assert findings and all(f.fix is None for f in findings)
    plain = engine.scan_document(Document("a.py", b"import yaml\ndef f(s):\n    return yaml.load(s)\n")).findings
    assert any(f.rule_id == "python.yaml-load" and f.fix is not None for f in plain)


def test_a_notebook_of_another_language_or_broken_json_gives_no_code_findings():
    for text in (_notebook([_CODE], kernel="julia"), _notebook([_CODE])[:-40]):
        assert not {r for r, _, _ in _located(text, "analysis.ipynb")} & {"python.os-system", "python.yaml-load"}


@pytest.mark.parametrize("path, text", [
    ("App.vue", '<template>\n  <p>eval(text)</p>\n</template>\n\n<script setup lang="ts">\n'
                "const props = defineProps<{ code: string }>()\nfunction run() {\n  eval(props.code)\n}\n</script>\n"),
    ("Comp.svelte", "<script>\n  export let html;\n  function go(code) {\n    eval(code);\n  }\n</script>\n\n"
                    "<p>eval(html)</p>\n"),
])
def test_a_component_script_block_is_scanned_and_its_template_is_not(path, text):
    found = [(line, col) for r, line, col in _located(text, path) if r == "javascript.eval"]
    at = text.index("eval(", text.index("<script"))
    assert found == [(text.count("\n", 0, at), at - (text.rfind("\n", 0, at) + 1))]


def test_the_parser_sees_the_embedded_code_byte_for_byte():
    from railguard.engine.embedded import embedded_source

    text = _notebook([_PROSE, _CODE]).encode()
    parsed = embedded_source("a.ipynb", text)
    assert len(parsed) == len(text)
    assert b"Never call" not in parsed and b'"cells"' not in parsed
    at = text.index(b"    os.system(cmd)")
    assert parsed[at : at + 18] == b"    os.system(cmd)"
    assert embedded_source("a.py", text) == text


# The taint analyzer resolves the same spellings (one resolver, engine/canonical.py): request
# data reaching a command through them is a taint finding, not only the syntactic rule's.
_FLASK = "from flask import Flask, request\nimport os\napp = Flask(__name__)\n@app.route('/r')\ndef r():\n"
TAINT_ATTACKS = {
    "from-import": "    from os import system\n    system(request.args['c'])\n",
    "module-alias": "    import subprocess as sp\n    sp.call(request.args['c'], shell=True)\n",
    "getattr": "    getattr(os, 'system')(request.args['c'])\n",
    "getattr-alias": "    import os as o\n    getattr(o, 'system')(request.args['c'])\n",
    "__import__": "    __import__('os').system(request.args['c'])\n",
    "nested": "    getattr(__import__('os'), 'system')(request.args['c'])\n",
    "import_module": "    import importlib\n    importlib.import_module('os').system(request.args['c'])\n",
    "nfkc": "    os.\U0001d634ystem(request.args['c'])\n",
}


@pytest.mark.parametrize("name", sorted(TAINT_ATTACKS))
def test_the_taint_analyzer_sees_through_the_same_spellings(name):
    found = _scan(_FLASK + TAINT_ATTACKS[name])
    assert [f for f in found if f[0] == "taint.python.command-injection" and f[1] == 6 + (name in (
        "from-import", "module-alias", "getattr-alias", "import_module"))], found


def test_the_taint_analyzer_does_not_guess_a_name_held_in_a_variable():
    found = _scan(_FLASK + "    n = request.args['n']\n    getattr(os, n)('ls')\n    getattr(os, 'path')\n")
    assert not [f for f in found if f[0] == "taint.python.command-injection"], found
