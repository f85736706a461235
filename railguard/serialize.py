"""Findings to plain dicts and back (JSON report, cache, baseline)."""

from __future__ import annotations

from typing import Any

from railguard.model import (
    Confidence,
    Evidence,
    Finding,
    Fix,
    Location,
    Position,
    Range,
    Severity,
    TextEdit,
)


def range_to_dict(r: Range) -> dict[str, Any]:
    return {
        "start": {"line": r.start.line + 1, "column": r.start.column + 1},
        "end": {"line": r.end.line + 1, "column": r.end.column + 1},
        "start_byte": r.start_byte,
        "end_byte": r.end_byte,
    }


def range_from_dict(d: dict[str, Any]) -> Range:
    return Range(
        Position(d["start"]["line"] - 1, d["start"]["column"] - 1),
        Position(d["end"]["line"] - 1, d["end"]["column"] - 1),
        d.get("start_byte", 0),
        d.get("end_byte", 0),
    )


def finding_to_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule_id": f.rule_id,
        "severity": f.severity.label,
        "confidence": f.confidence.label,
        "message": f.message,
        "path": f.path,
        "range": range_to_dict(f.range),
        "cwe": [f"CWE-{c}" for c in f.cwe],
        "analyzer": f.analyzer,
        "fingerprint": f.fingerprint,
        "tags": list(f.tags),
    }
    if f.evidence is not None:
        ev: dict[str, Any] = {"snippet": f.evidence.snippet, "redacted": f.evidence.redacted}
        if f.evidence.redacted:
            ev.update(
                secret_prefix=f.evidence.secret_prefix,
                secret_length=f.evidence.secret_length,
                secret_hash=f.evidence.secret_hash,
            )
        out["evidence"] = ev
    if f.fix is not None:
        out["fix"] = {
            "description": f.fix.description,
            "safe": f.fix.safe,
            "edits": [{"range": range_to_dict(e.range), "new_text": e.new_text} for e in f.fix.edits],
        }
    if f.related:
        out["related"] = [
            {"path": loc.path, "range": range_to_dict(loc.range), "message": loc.message} for loc in f.related
        ]
    return out


def finding_from_dict(d: dict[str, Any]) -> Finding:
    ev = d.get("evidence")
    fix = d.get("fix")
    return Finding(
        rule_id=d["rule_id"],
        severity=Severity.parse(d["severity"]),
        confidence=Confidence.parse(d["confidence"]),
        message=d["message"],
        path=d["path"],
        range=range_from_dict(d["range"]),
        cwe=tuple(int(c.removeprefix("CWE-")) for c in d.get("cwe", [])),
        analyzer=d.get("analyzer", ""),
        fingerprint=d.get("fingerprint", ""),
        evidence=Evidence(
            snippet=ev.get("snippet", ""),
            redacted=ev.get("redacted", False),
            secret_prefix=ev.get("secret_prefix", ""),
            secret_length=ev.get("secret_length", 0),
            secret_hash=ev.get("secret_hash", ""),
        )
        if ev
        else None,
        fix=Fix(
            fix["description"],
            tuple(TextEdit(range_from_dict(e["range"]), e["new_text"]) for e in fix["edits"]),
            fix.get("safe", True),
        )
        if fix
        else None,
        related=tuple(
            Location(r["path"], range_from_dict(r["range"]), r.get("message", "")) for r in d.get("related", [])
        ),
        tags=tuple(d.get("tags", [])),
    )
