"""Overrides for one commit: `RAILGUARD_ALLOW="<rule-id>: <reason>"` or `--allow`.

Several overrides are separated by ';' or newlines. A reason is required: an override is
an accountable decision and lands in the audit log with the fingerprints it let through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from railguard.engine.lazyre import LazyPattern
from railguard.model import Finding, RailguardError

ENV_VAR = "RAILGUARD_ALLOW"
_ITEM = LazyPattern(r"^(?P<rule>[^\s:]+)\s*:\s*(?P<reason>.*\S)\s*$")


@dataclass(frozen=True)
class Override:
    rule: str  # a rule id, or a prefix ending in '*'
    reason: str

    def covers(self, finding: Finding) -> bool:
        if self.rule.endswith("*"):
            return finding.rule_id.startswith(self.rule[:-1])
        return finding.rule_id == self.rule


def parse_overrides(values: Iterable[str]) -> list[Override]:
    out: list[Override] = []
    for value in values:
        for item in re.split(r"[;\n]", value):
            item = item.strip()
            if not item:
                continue
            m = _ITEM.match(item)
            if not m:
                raise RailguardError(
                    f"override {item!r} is not '<rule-id>: <reason>' (a reason is required, "
                    f"e.g. {ENV_VAR}=\"python.yaml-load: the file is written by our own build\")"
                )
            out.append(Override(m.group("rule"), m.group("reason")))
    return out


def apply_overrides(findings: list[Finding], overrides: list[Override]) -> tuple[list[Finding], dict[Override, list[Finding]]]:
    """(still blocking, {override: the findings it let through})."""
    blocking: list[Finding] = []
    used: dict[Override, list[Finding]] = {}
    for f in findings:
        match = next((o for o in overrides if o.covers(f)), None)
        if match is None:
            blocking.append(f)
        else:
            used.setdefault(match, []).append(f)
    return blocking, used
