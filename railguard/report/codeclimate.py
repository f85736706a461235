"""Code Climate JSON, the subset that GitLab's code-quality report reads
(`artifacts: reports: codequality:`): an array of issues with description, check_name,
fingerprint, severity and location (path, lines.begin). No secret values: the
description is the rule's message, never the matched text.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from railguard.engine.policy import message_with_cwe
from railguard.model import Rule, Severity

if TYPE_CHECKING:
    from railguard.model import ScanReport

SEVERITY = {
    Severity.CRITICAL: "blocker",
    Severity.HIGH: "critical",
    Severity.MEDIUM: "major",
    Severity.LOW: "minor",
    Severity.INFO: "info",
}


def render(report: ScanReport, rules: dict[str, Rule], **_options) -> str:
    issues: list[dict[str, Any]] = []
    for f in report.findings:
        issue: dict[str, Any] = {
            "type": "issue",
            "check_name": f.rule_id,
            "description": message_with_cwe(f),
            "categories": ["Security"],
            "severity": SEVERITY[f.severity],
            # railguard's fingerprint is per rule, path and normalised text: stable across line shifts
            "fingerprint": f.fingerprint,
            "location": {
                "path": f.path,
                "lines": {"begin": f.line, "end": f.range.end.line + 1},
            },
        }
        rule = rules.get(f.rule_id)
        if rule is not None and rule.docs.what:
            issue["content"] = {"body": rule.docs.markdown(rule.title)}
        issues.append(issue)
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
