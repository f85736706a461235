"""The one-line fix hint of concise and hook output: advice in words, or an example marked as one."""

from __future__ import annotations

from dataclasses import replace

from railguard.model import Rule, RuleDocs
from railguard.report.text import fix_hint


class _NoFix:
    fix = None


def _rule(instead: str) -> Rule:
    from railguard.config import default_config
    from railguard.engine.engine import load_ruleset

    base = load_ruleset(default_config()).by_id()["python.yaml-load"]
    return replace(base, docs=replace(base.docs or RuleDocs(), instead=instead))


def test_the_first_sentence_of_advice_even_after_an_example():
    rule = _rule("config = yaml.safe_load(data)\n\nUse a safe loader. The full loader builds objects.\n")
    assert fix_hint(_NoFix(), rule) == "Use a safe loader"


def test_advice_that_wraps_over_lines_is_one_sentence():
    rule = _rule("Parse the URL, require `https` and a host\nfrom an allow-list. Then fetch it.")
    assert fix_hint(_NoFix(), rule) == "Parse the URL, require `https` and a host from an allow-list"


def test_code_only_docs_give_an_example_not_a_command():
    rule = _rule("class OrderViewSet(viewsets.ModelViewSet):\n    permission_classes = [IsAuthenticated]\n")
    assert fix_hint(_NoFix(), rule) == "e.g. class OrderViewSet(viewsets.ModelViewSet):"


def test_long_hints_are_never_cut_in_the_middle_of_a_sentence():
    rule = _rule("Use " + "very " * 40 + "careful code. Then test it.")
    hint = fix_hint(_NoFix(), rule)
    assert hint == "Use " + "very " * 40 + "careful code"
    assert "…" not in hint
