"""Which rules a small scan compiles: the words a query needs, and what a file contains."""

from __future__ import annotations

import subprocess

import pytest

from railguard.config import default_config
from railguard.engine.analyzers.anchors import query_units, word_test
from railguard.engine.document import Document
from railguard.engine.engine import Engine


def words(q: str) -> list[list[list[set[bytes]]]]:
    """Per top-level pattern, per alternative, the requirements."""
    return [[[set(need) for need in alt] for alt in unit.alternatives] for unit in query_units(q)]


def may_match(q: str, source: bytes) -> bool:
    present = word_test(source)
    return any(unit.may_match(present) for unit in query_units(q))


def test_every_predicate_of_a_pattern_is_needed():
    q = '(call function: (attribute object: (identifier) @m attribute: (identifier) @f) (#eq? @m "yaml") (#eq? @f "load")) @c'
    assert words(q) == [[[{b"yaml"}, {b"load"}]]]
    assert may_match(q, b"import yaml\nyaml.load(x)\n")
    assert not may_match(q, b"import yaml\nyaml.safe_dump(x)\n")
    assert not may_match(q, b"json.load(x)\n")


def test_any_pattern_of_a_rule_may_match():
    q = '''(call function: (identifier) @f (#eq? @f "run") (argument_list (keyword_argument name: (identifier) @k) (#eq? @k "debug")))
           (assignment left: (identifier) @v (#eq? @v "DEBUG"))'''
    assert may_match(q, b"DEBUG = True\n")
    assert may_match(q, b"app.run(debug=True)\n")
    assert not may_match(q, b"app.run(port=1)\n")
    units = query_units(q)
    assert len(units) == 2 and "".join(u.text for u in units) == q
    assert [u.may_match(word_test(b"DEBUG = 1")) for u in units] == [False, True]


def test_any_of_is_one_requirement_with_alternatives():
    q = '(call function: (identifier) @f (#any-of? @f "eval" "exec")) @c'
    assert words(q) == [[[{b"eval", b"exec"}]]]


@pytest.mark.parametrize("query", [
    # a capture under ? or * may be unbound, and tree-sitter then skips the predicate
    '(call function: (identifier) @f arguments: (argument_list (keyword_argument name: (identifier) @k)?) (#eq? @k "mode")) @c',
    '(call function: (identifier) @f arguments: (argument_list (string)* @s) (#eq? @s "x")) @c',
    # bound in one branch of an alternation only
    '(call function: [(identifier) @f (attribute)] (#eq? @f "x")) @c',
    # #match? and #not-eq? give no words
    '((call function: (identifier) @f) @c (#match? @f "^x$"))',
    '((call function: (identifier) @f) @c (#not-eq? @f "x"))',
    # a top-level alternation with a branch that needs nothing
    '[(call function: (identifier) @f (#eq? @f "a")) "lambda"] @c',
])
def test_a_pattern_that_may_match_without_the_word_has_no_anchor(query):
    assert words(query) == [[]]
    assert may_match(query, b"")


def test_capture_bound_in_every_branch_and_branches_of_a_top_level_alternation():
    assert words('(call function: [(identifier) @f (attribute attribute: (identifier) @f)] (#eq? @f "eval")) @c') == [
        [[{b"eval"}]]]
    q = '[(call function: (identifier) @f (#eq? @f "a")) (call function: (identifier) @g (#eq? @g "b"))] @c'
    assert words(q) == [[[{b"a"}], [{b"b"}]]]
    assert may_match(q, b"b()") and not may_match(q, b"c()")


def test_words_are_whole_identifiers_strings_are_substrings():
    present = word_test(b'cost = total\nx = "line\\ndebug"\nbind("0.0.0.0")\n')
    assert not present(b"os")  # only inside "cost"
    assert present(b"cost") and present(b"debug")  # after an escape sequence in a string
    assert present(b'"0.0.0.0"') and not present(b'"127.0.0.1"')


def _full_and_small(source: bytes, path: str) -> tuple[list, list]:
    out = []
    for small in (False, True):
        engine = Engine(default_config(), small_scan=small)
        result = engine.scan_document(Document(path, source))
        out.append(sorted((f.rule_id, f.range.start_byte) for f in result.findings))
    return out[0], out[1]


def test_a_small_scan_finds_what_the_full_query_finds():
    source = (b"import os, subprocess, yaml, pickle\n"
              b"def h(request):\n"
              b"    subprocess.run(request.args['c'], shell=True)\n"
              b"    os.system('ls ' + request.args['d'])\n"
              b"    return yaml.load(request.data), pickle.loads(request.data)\n"
              b"app.run(debug=True)\n")
    full, small = _full_and_small(source, "app.py")
    assert full and small == full


def test_the_staged_hook_compiles_only_the_rules_that_may_match(tmp_path, monkeypatch):
    from railguard.hooks.commit import CommitGate, HookOptions
    from railguard.hooks.output import Printer

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "app.py").write_text("import yaml\n\ndef f(b):\n    return yaml.load(b)\n")
    subprocess.run(["git", "-C", str(tmp_path), "add", "app.py"], check=True)
    monkeypatch.chdir(tmp_path)
    import io

    gate = CommitGate(HookOptions(staged=True), Printer(io.StringIO(), color=False), cwd=tmp_path)
    config = gate.load_config()
    engine = Engine(config)
    report = gate.scan(config, engine)
    assert [f.rule_id for f in report.findings if f.rule_id.startswith("python.yaml")] == ["python.yaml-load"]
    query = engine.analyzer("query")
    assert "python" not in query._queries  # the whole-language query was never compiled
    compiled = {cr.rule.id for lq in query._selective.values() for cr in lq.rules}
    assert "python.yaml-load" in compiled and "python.pickle-load" not in compiled
