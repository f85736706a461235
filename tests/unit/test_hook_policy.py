"""Overrides and the AI-assisted commit markers, on real trailer lines."""

from __future__ import annotations

import pytest

from railguard.hooks.ai_policy import ai_markers, trailers
from railguard.hooks.overrides import apply_overrides, parse_overrides
from railguard.model import Confidence, Finding, Position, RailguardError, Range, Severity


def f(rule: str) -> Finding:
    return Finding(rule, Severity.HIGH, Confidence.HIGH, "m", "a.py", Range(Position(0, 0), Position(0, 1)))


def test_overrides_need_a_reason_and_match_by_id_or_prefix():
    overrides = parse_overrides(["python.yaml-load: trusted input; secrets.*: test fixtures only"])
    assert [(o.rule, o.reason) for o in overrides] == [("python.yaml-load", "trusted input"),
                                                     ("secrets.*", "test fixtures only")]
    blocking, used = apply_overrides([f("python.yaml-load"), f("secrets.aws"), f("python.pickle-load")], overrides)
    assert [x.rule_id for x in blocking] == ["python.pickle-load"]
    assert sorted(o.rule for o in used) == ["python.yaml-load", "secrets.*"]
    for bad in ("python.yaml-load", "python.yaml-load:", ": reason"):
        with pytest.raises(RailguardError, match="reason is required"):
            parse_overrides([bad])


@pytest.mark.parametrize("trailer", [
    "Co-Authored-By: Claude <noreply@anthropic.com>",  # Claude Code
    "Co-authored-by: Claude Opus 4.7 <noreply@anthropic.com>",
    "Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>",  # GitHub Copilot agent
    "Co-authored-by: aider (openai/gpt-4o) <aider@aider.chat>",  # aider
    "Co-authored-by: Cursor Agent <cursoragent@cursor.com>",  # Cursor
    "Assisted-by: Gemini CLI",
])
def test_assistant_trailers_mark_a_commit_ai_assisted(trailer):
    message = f"Fix the loader\n\nLonger explanation.\n\n{trailer}\nSigned-off-by: Dev <dev@example.com>\n"
    assert ai_markers(message)


@pytest.mark.parametrize("message", [
    "Fix the loader\n\nCo-authored-by: Claudette Smith <claudette@example.com>\n",  # a person
    "Fix the loader\n\nWe compared this with what copilot suggested.\n",  # prose, not a trailer
    "Co-authored-by: Claude <noreply@anthropic.com>\n",  # a subject line alone is no trailer block
    "Fix\n\n# Co-authored-by: Claude <noreply@anthropic.com>\n",  # a comment git strips
    "Fix\n\nAI-Assisted: no\n",
])
def test_look_alikes_are_not_ai_assisted(message):
    assert ai_markers(message) == []


def test_generated_with_claude_code_line_and_configured_trailers():
    assert ai_markers("Add x\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n")
    assert ai_markers("Add x\n\nX-Tool: internal-bot v2\n", ["X-Tool: internal-bot"])
    assert not ai_markers("Add x\n\nX-Tool: vim\n", ["X-Tool: internal-bot"])
    assert trailers("Subject\n\nbody\n\nA: 1\nB: 2\n") == [("A", "1"), ("B", "2")]
