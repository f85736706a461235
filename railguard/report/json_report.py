"""JSON report: every finding with its fingerprint, fix and redacted evidence."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from railguard import __version__
from railguard.serialize import finding_to_dict

if TYPE_CHECKING:
    from railguard.model import ScanReport


def render(report: ScanReport, rules: dict, **_options) -> str:
    payload = {
        "tool": "railguard",
        "version": __version__,
        "summary": {
            "files": report.files,
            "lines": report.lines,
            "findings": len(report.findings),
            "suppressed": len(report.suppressed),
            "by_severity": _count(f.severity.label for f in report.findings),
            "threshold": ({"severity": report.threshold.severity.label,
                           "confidence": report.threshold.confidence.label} if report.threshold else None),
            "below_threshold": report.below_threshold,
            "baselined": report.baselined,
            "excluded_files": report.excluded,
        },
        "findings": [finding_to_dict(f) for f in report.findings],
        # silenced in source: kept, with the comment that silenced them
        "suppressed_findings": [{**finding_to_dict(f), "suppression": f.suppression} for f in report.suppressed],
        "notices": [{"path": n.path, "kind": n.kind, "message": n.message} for n in report.notices],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _count(items) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in items:
        out[i] = out.get(i, 0) + 1
    return out
