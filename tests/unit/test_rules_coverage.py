"""`railguard rules coverage`: the README's table is exactly the command's output."""

from __future__ import annotations

import pytest

from railguard.commands.rules import (
    COVERAGE_END,
    COVERAGE_START,
    coverage_table,
    replace_coverage_section,
)
from railguard.rules.loader import load_rules
from tests.conftest import ROOT, run_cli


def _readme_table() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = text.index(COVERAGE_START), text.index(COVERAGE_END)
    return text[start + len(COVERAGE_START):end].lstrip("\n")


def test_readme_coverage_table_matches_the_command():
    result = run_cli("rules", "coverage", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert _readme_table() == result.stdout, (
        "README.md's rule coverage table is stale: run `railguard rules coverage --update README.md`"
    )


def test_coverage_table_counts_rules_per_cwe_and_language():
    rules = load_rules().rules
    table = coverage_table(rules).splitlines()
    row = next(line for line in table if line.startswith("| [CWE-89]"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    sql_js = sum(1 for r in rules if 89 in r.cwe and "javascript" in r.languages)
    assert cells[2] == str(sql_js) and sql_js >= 2
    assert "SQL injection" in cells[0]
    totals = [c.strip() for c in table[-2].strip("|").split("|")]
    js_family = {"javascript", "typescript", "tsx"}
    assert totals[2] == f"**{sum(1 for r in rules if js_family & set(r.languages))}**"


def test_update_rewrites_only_the_marked_section(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\nbefore\n{COVERAGE_START}\nold table\n{COVERAGE_END}\nafter\n")
    result = run_cli("rules", "coverage", "--update", str(readme), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = readme.read_text()
    assert "old table" not in text
    assert text.startswith("# x\n\nbefore\n") and text.endswith(f"{COVERAGE_END}\nafter\n")
    assert "| CWE | python | javascript | java | go | generic |" in text


def test_update_without_markers_is_a_clear_error(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# nothing here\n")
    result = run_cli("rules", "coverage", "--update", str(readme), cwd=tmp_path)
    assert result.returncode == 2
    assert "README.md" in result.stderr and "markers" in result.stderr


def test_replace_coverage_section_requires_markers():
    with pytest.raises(ValueError):
        replace_coverage_section("no markers", "table")
