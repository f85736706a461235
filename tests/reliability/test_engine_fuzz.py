"""Hostile input never crashes the engine, and every file is handled within a time budget.

Bounded for CI (hypothesis examples are capped); bench/fuzz.py runs the same strategies longer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from railguard.engine.document import Document
from railguard.rules.loader import BUNDLED_DIR
from tests.reliability.fuzzing import (
    arbitrary_bytes,
    check,
    engine,
    hostile_unicode,
    mutate,
    mutations,
    python_programs,
    seeds,
)

FILE_BUDGET_S = 20.0  # generous: a shared 2-core machine under load; a hang shows as far more
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@FUZZ
@given(case=arbitrary_bytes())
def test_arbitrary_bytes(case):
    path, data = case
    check(path, data.replace(b"\0", b""), FILE_BUDGET_S)  # NUL makes a file binary (skipped); covered below


@FUZZ
@given(case=hostile_unicode())
def test_random_unicode_with_invisible_and_structural_characters(case):
    check(*case, FILE_BUDGET_S)


@FUZZ
@given(case=mutations(seeds()))
def test_mutations_of_real_fixtures(case):
    check(*case, FILE_BUDGET_S)


def test_generated_python_programs():
    try:
        strategy = python_programs()
    except ImportError:
        pytest.fail("hypothesmith is in the dev extra: pip install -e '.[dev]'")

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(case=strategy)
    def run(case):
        check(*case, FILE_BUDGET_S)

    run()


def test_mutation_operators():
    assert mutate(b"a\nb\n", [("crlf", 0, b"")]) == b"a\r\nb\r\n"
    assert mutate(b"abc", [("truncate", 1, b"")]) == b"a"
    assert mutate(b"abc", [("delete", 0, b"x")]) == b"c"
    assert mutate(b"", [("brackets", 0, b"")]).startswith(b"(" * 100)
    assert max(len(line) for line in mutate(b"", [("long-line", 0, b"")]).splitlines()) >= 100_000


def test_deep_nesting_and_long_lines():
    for path in ("a.py", "b.js", "E.java", "f.go", "h.json", "g.yaml"):
        check(path, b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n", FILE_BUDGET_S)
        check(path, b"[" * 20000 + b"\n", FILE_BUDGET_S)
        check(path, b"s = '" + b"A" * 100_000 + b"'\n", FILE_BUDGET_S)
        check(path, b"k = \"" + b"ab1+/" * 20_000 + b"\"\n", FILE_BUDGET_S)


def test_nul_bytes_mean_binary_and_are_skipped():
    result = engine().scan_document(Document("a.py", b"eval(x)\0" * 10))
    assert result.skipped and not result.findings


def test_every_fixture_file_scans_cleanly_in_every_language():
    files = sorted(p for p in BUNDLED_DIR.rglob("fixtures/*") if p.is_file())
    for p in files:
        for path in ("x" + p.suffix, "a.py", "b.ts"):
            check(path, p.read_bytes(), FILE_BUDGET_S)
    assert files and Path(files[0]).exists()
