"""SARIF 2.1.0, as GitHub code scanning reads it: rule metadata and help, CWE tags,
`security-severity` for ranking, `partialFingerprints` for tracking results across commits.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from railguard import __version__
from railguard.engine.policy import message_with_cwe
from railguard.model import Finding, Range, Rule, Severity

if TYPE_CHECKING:
    from railguard.model import ScanReport

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.0",
}
PRECISION = {2: "high", 1: "medium", 0: "low"}


def _region(r: Range) -> dict[str, int]:
    return {
        "startLine": r.start.line + 1,
        "startColumn": r.start.column + 1,
        "endLine": r.end.line + 1,
        "endColumn": r.end.column + 1,
    }


def _rule_descriptor(rule: Rule | None, rule_id: str, finding: Finding) -> dict[str, Any]:
    if rule is None:  # a finding of an analyzer without YAML metadata
        return {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": rule_id},
            "defaultConfiguration": {"level": LEVEL[finding.severity]},
            "properties": {
                "tags": ["security", *finding.tags, *(f"external/cwe/cwe-{c}" for c in finding.cwe)],
                "security-severity": SECURITY_SEVERITY[finding.severity],
            },
        }
    help_md = rule.docs.markdown(rule.title)
    help_text = "\n\n".join(p for p in (rule.docs.what, rule.docs.why, rule.docs.instead) if p) or rule.message
    desc: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace(".", "-").split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": (rule.docs.what or rule.message).strip()},
        "help": {"text": help_text.strip(), "markdown": help_md or rule.message},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "tags": ["security", *rule.tags, *(f"external/cwe/cwe-{c}" for c in rule.cwe),
                     *(f"owasp/{o}" for o in rule.owasp)],
            "precision": PRECISION[int(rule.confidence)],
            "security-severity": SECURITY_SEVERITY[rule.severity],
        },
    }
    refs = [r for r in rule.docs.references if r.startswith("http")]
    if refs:
        desc["helpUri"] = refs[0]
    return desc


def _location(path: str, r: Range, message: str = "") -> dict[str, Any]:
    loc: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
            "region": _region(r),
        }
    }
    if message:
        loc["message"] = {"text": message}
    return loc


def threshold_properties(report: ScanReport) -> dict[str, Any]:
    """What the report left out: the threshold applied (or none) and how many findings fell
    below it, so that filtered output never looks complete (`--all` gives everything)."""
    t = report.threshold
    return {
        "threshold": {"severity": t.severity.label, "confidence": t.confidence.label} if t is not None else None,
        "belowThreshold": report.below_threshold,
        "baselined": report.baselined,
        "excludedFiles": report.excluded,
    }


def render(report: ScanReport, rules: dict[str, Rule], **_options) -> str:
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results = []
    suppressed = list(getattr(report, "suppressed", []))
    silenced = {id(f) for f in suppressed}
    for f in [*report.findings, *suppressed]:
        if f.rule_id not in index:
            index[f.rule_id] = len(descriptors)
            descriptors.append(_rule_descriptor(rules.get(f.rule_id), f.rule_id, f))
        result: dict[str, Any] = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "level": LEVEL[f.severity],
            "message": {"text": message_with_cwe(f)},
            "locations": [_location(f.path, f.range)],
            "partialFingerprints": {"railguard/v1": f.fingerprint},
            "properties": {
                "severity": f.severity.label,
                "confidence": f.confidence.label,
                "security-severity": SECURITY_SEVERITY[f.severity],
            },
        }
        if f.evidence is not None and f.evidence.redacted:
            result["properties"]["secret"] = {
                "prefix": f.evidence.secret_prefix,
                "length": f.evidence.secret_length,
                "hash": f.evidence.secret_hash,
            }
        if f.related:
            result["relatedLocations"] = [
                {"id": i + 1, **_location(loc.path, loc.range, loc.message)} for i, loc in enumerate(f.related)
            ]
        if id(f) in silenced:  # kept, marked: a reviewer sees what was silenced and why
            result["suppressions"] = [{"kind": "inSource", "justification": f.suppression or "suppressed in source"}]
        if f.fix is not None and f.fix.edits:
            result["fixes"] = [
                {
                    "description": {"text": f.fix.description},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                            "replacements": [
                                {"deletedRegion": _region(e.range), "insertedContent": {"text": e.new_text}}
                                for e in f.fix.edits
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    notifications = [
        {
            "level": "error" if n.kind == "error" else "warning" if n.kind == "warning" else "note",
            "message": {"text": n.line()},
        }
        for n in report.notices
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "railguard",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The scanned project's root"}}},
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": notifications,
                "properties": threshold_properties(report),
            }
        ],
        "results": results,
    }
    return json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, indent=2) + "\n"
