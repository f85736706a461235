"""The commit hook's start-up shortcuts of the query analyzer: what they skip must not change
what a scan compiles or finds (issue #21)."""

from __future__ import annotations

import re
from pathlib import Path

from tree_sitter import Query, QueryCursor

from railguard.config import default_config
from railguard.engine.analyzers.anchors import (
    FileWords,
    non_identifiers,
    pattern_regexes,
    query_units,
    word_test,
)
from railguard.engine.analyzers.query_selection import FileTexts, derive, occur
from railguard.engine.engine import Engine
from railguard.engine.languages import get_language, get_parser
from railguard.model import Origin, SourceFile

FIXTURES = Path(__file__).resolve().parents[2] / "railguard" / "rules" / "python" / "fixtures"


def test_a_complete_word_set_answers_as_the_word_test_does():
    q = ('(call function: (attribute object: (identifier) @m attribute: (identifier) @f)'
         ' (#any-of? @m "os" "a.b" "0x") (#eq? @f "load")) @match')
    units = query_units(q)
    others = non_identifiers(units)
    assert set(others) == {b"a.b", b"0x"}
    for data in (b"os.load(x)\n", b"x = 'a.b'\nload()\n", b"v = 0x10\nload\n", b"oss.loads()\n", b"\\nos load"):
        complete, lazy = word_test(data, others), word_test(data)
        assert isinstance(complete, FileWords) and complete.complete and not lazy.complete
        assert [u.may_match(complete) for u in units] == [u.may_match(lazy) for u in units]


def test_match_predicates_read_as_tree_sitter_reads_their_strings():
    # in a query string `\.` is `.`, `\\.` is `\.`; tree-sitter searches the capture's text
    lang, parser = get_language("python"), get_parser("python")
    for q in (r'((identifier) @x (#match? @x "^a\.b$"))', r'((identifier) @x (#match? @x "^a\\.b$"))'):
        (regex,) = pattern_regexes(q)
        found = QueryCursor(Query(lang, q)).captures(parser.parse(b"axb").root_node).get("x", [])
        assert bool(found) == bool(re.search(regex, "axb"))


def test_match_predicates_on_a_capture_a_match_may_leave_unbound_require_nothing():
    assert pattern_regexes('((identifier)? @x (call) (#match? @x "needle"))') == ()
    assert pattern_regexes('[((identifier) @x (#match? @x "needle")) (string)]') == ()
    assert pattern_regexes('((identifier) @x (#match? @x "needle"))') == ("needle",)


def test_a_pattern_whose_match_literal_is_absent_is_not_selected():
    sel = derive('((identifier) @x (#match? @x "_COOKIE_SAMESITE"))\n(string) @s\n', ())
    assert sel.unit_needs[0] and not sel.unit_needs[1]
    assert not occur(sel.unit_needs[0], FileTexts(b"x = 1\n"))
    assert occur(sel.unit_needs[0], FileTexts(b"SESSION_COOKIE_SAMESITE = None\n"))


def _scan(files: list[tuple[str, bytes]]) -> list[tuple]:
    engine = Engine(default_config())
    report = engine.scan([SourceFile.from_bytes(p, d, Origin.INDEX) for p, d in files], "commit", use_cache=False)
    return [(f.rule_id, f.path, f.range.start_byte, f.range.end_byte, f.confidence) for f in report.findings
            if f.analyzer == "query"]  # the others read project facts that other files change


def test_the_expected_query_is_the_union_of_the_files_own_selections():
    files = [(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.py"))[:10]]
    engine = Engine(default_config())
    query = engine.analyzer("query")
    query.expect(files)
    expected = query._expected["python"]
    union: dict[str, set[int]] = {}
    for path, data in files:
        for rule_id, (_, units) in query._selected("python", data, path, data).items():
            union.setdefault(rule_id, set()).update(units)
    assert {rule_id: frozenset(units) for rule_id, units in union.items()} == expected.units
    # the query analyzer's findings are those of scanning each file alone
    together = _scan(files)
    alone = sorted(f for path, data in files for f in _scan([(path, data)]))
    assert sorted(together) == alone
