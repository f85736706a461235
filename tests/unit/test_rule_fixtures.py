"""Every bundled rule against its annotated fixtures; a rule without both kinds of example fails."""

from railguard.rules.loader import load_rules
from railguard.testing.fixtures import run_fixtures


def test_bundled_rules_load_without_errors():
    rules = load_rules()
    assert not rules.errors, "\n".join(str(e) for e in rules.errors)
    assert len(rules.rules) > 0


def test_all_rule_fixtures_pass():
    result = run_fixtures()
    assert result.files > 0
    assert result.ok, "\n".join(result.failures[:50])


def test_fixture_runner_catches_a_missed_and_an_unexpected_finding(tmp_path):
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "bad.py").write_text(
        "import yaml\n"
        "# ruleid: python.yaml-load\n"
        "data = yaml.safe_load(text)\n"
        "# ok: python.yaml-load\n"
        "other = yaml.load(text)\n"
    )
    result = run_fixtures([fixtures], require_examples=False)
    assert any("expected python.yaml-load" in f for f in result.failures)
    assert any("marked ok" in f for f in result.failures)


def test_rule_without_examples_fails(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: custom.no-eval\n"
        "    languages: [python]\n"
        "    severity: high\n"
        "    message: eval\n"
        "    query: '(call function: (identifier) @f (#eq? @f \"eval\")) @match'\n"
    )
    result = run_fixtures([tmp_path], load_rules([pack], bundled=False))
    assert any("custom.no-eval has no positive fixture" in f for f in result.failures)


def test_fixture_runner_reports_a_rule_that_does_not_compile(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: custom.bad-where\n"
        "    languages: [python]\n"
        "    severity: high\n"
        "    message: eval\n"
        "    query: '(call function: (identifier) @f (#eq? @f \"eval\")) @match'\n"
        "    where:\n"
        "      - {capture: f, regex: 'a(b'}\n"
    )
    result = run_fixtures([tmp_path], load_rules([pack], bundled=False), require_examples=False)
    assert any("custom.bad-where" in f and "regular expression" in f for f in result.failures)


def test_bundled_patterns_all_compile():
    """Bundled rules compile their regexes lazily at scan time; this is where a bad one is caught."""
    from railguard.engine.analyzers.conditions import compile_patterns_now
    from railguard.engine.analyzers.query import compile_rule
    from railguard.engine.analyzers.text import compile_text_rule

    for rule in load_rules().rules:
        if rule.analyzer == "query":
            compile_patterns_now(compile_rule(rule).conditions)
        elif rule.analyzer == "text":
            compile_text_rule(rule).pattern.compiled  # noqa: B018
