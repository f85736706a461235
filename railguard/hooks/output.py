"""Output for people in a hurry: one line per finding (place, severity, rule, message, fix
hint), then a short summary and what to do next. Colour only on a terminal, without rich:
the hook must start fast and a few ANSI codes are all it needs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from railguard.model import Finding, Rule, Severity
from railguard.report.text import concise_line, use_color

_COLOR = {
    Severity.CRITICAL: "\033[1;41;37m",
    Severity.HIGH: "\033[1;31m",
    Severity.MEDIUM: "\033[33m",
    Severity.LOW: "\033[36m",
    Severity.INFO: "\033[2m",
}
_RESET = "\033[0m"
_BOLD = "\033[1m"


class Printer:
    def __init__(self, stream: TextIO | None = None, color: bool | None = None) -> None:
        self.stream = stream or sys.stdout
        self.color = use_color(self.stream) if color is None else color

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def finding(self, f: Finding, rule: Rule | None) -> None:
        line = concise_line(f, rule)
        if self.color:
            place = f"{f.path}:{f.line}:{f.column}:"
            sev = f" {f.severity.label} "
            line = line.replace(place, self._paint(place, _BOLD), 1).replace(sev, " " + self._paint(
                f.severity.label, _COLOR[f.severity]) + " ", 1)
        self.line(line)

    def findings(self, findings: Iterable[Finding], rules: dict[str, Rule]) -> None:
        for f in findings:
            self.finding(f, rules.get(f.rule_id))

    def line(self, text: str = "") -> None:
        self.stream.write(text + "\n")

    def headline(self, text: str, bad: bool = True) -> None:
        self.line(self._paint(text, "\033[1;31m" if bad else "\033[1;32m"))

    def flush(self) -> None:
        try:
            self.stream.flush()
        except (OSError, ValueError):
            pass


def counted(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def how_to_proceed(rule_ids: list[str], env_var: str) -> list[str]:
    example = rule_ids[0] if rule_ids else "<rule-id>"
    return [
        "  fix the code, or mark an intended line:  # railguard: ignore[" + example + "] <reason>",
        f"  or allow it for this commit (recorded):  {env_var}=\"{example}: <reason>\" git commit ...",
        "  explain a rule:                          railguard rules explain " + example,
    ]

