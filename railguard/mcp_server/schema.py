"""The structured results of the MCP tools. Their JSON schemas are the tools' output schemas.

A finding has the shape of the CLI's JSON report (`railguard scan -f json`), plus the rule's
title and a one-line fix hint. Evidence of a secret is redacted at the source: a prefix, the
length and a hash, never the value.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from railguard.model import Finding, Notice, Rule
from railguard.report.text import fix_hint
from railguard.serialize import finding_to_dict


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Place(_Frozen):
    line: int = Field(description="1-based line")
    column: int = Field(description="1-based column (code points)")


class Span(_Frozen):
    start: Place
    end: Place


class Edit(_Frozen):
    range: Span
    new_text: str


class FixOut(_Frozen):
    description: str
    safe: bool = Field(description="true when the edit keeps the program's behaviour apart from the fix")
    edits: list[Edit]


class EvidenceOut(_Frozen):
    snippet: str = Field(description="the matched text; a secret appears only redacted")
    redacted: bool
    secret_prefix: str = ""
    secret_length: int = 0
    secret_hash: str = ""


class FindingOut(_Frozen):
    rule_id: str
    title: str
    severity: Literal["info", "low", "medium", "high", "critical"]
    confidence: Literal["low", "medium", "high"]
    cwe: list[str]
    path: str = Field(description="relative to the project root, POSIX separators")
    range: Span
    message: str
    fix_hint: str = Field(description="what to do instead, in one line ('' when the rule has no advice)")
    fix: FixOut | None = Field(default=None, description="a mechanical rewrite, when the rule has one")
    evidence: EvidenceOut | None = None
    fingerprint: str = Field(description="stable across moves and re-indentation; what baselines hold")


class NoticeOut(_Frozen):
    path: str
    kind: Literal["skipped", "error", "warning"]
    message: str


class Policy(_Frozen):
    surface: str = Field(description="whose threshold applied: 'agent' for findings, 'commit' for the verdict")
    severity: str = Field(description="findings at or above this severity are reported")
    confidence: str = Field(description="findings at or above this confidence are reported")
    below_threshold: int = Field(description="findings the threshold left out")
    baselined: int = Field(description="findings accepted in the project's baseline")
    suppressed: int = Field(description="findings suppressed by comments in the code")
    excluded: bool = Field(default=False, description="the path is excluded by the project's config")


class ScanOut(_Frozen):
    findings: list[FindingOut]
    by_severity: dict[str, int]
    files: int = Field(description="files scanned")
    policy: Policy
    complete: bool = Field(description="false when an analyzer or file could not be checked (see notices): "
                           "then no findings does not mean safe")
    notices: list[NoticeOut]


class Verdict(_Frozen):
    decision: Literal["pass", "blocked", "error"] = Field(
        description="what the commit gate would decide: pass, blocked by findings, or error (railguard could "
        "not check, so the gate blocks unless fail-open is set)")
    threshold: str = Field(description="the commit threshold the decision used")
    blocking: list[FindingOut] = Field(description="findings at the commit threshold that block the commit")
    allowed_by_override: list[str] = Field(description="rule ids let through by RAILGUARD_ALLOW in the server's "
                                           "environment")
    reason: str = Field(description="one line for a person")


class DiffOut(_Frozen):
    scope: str = Field(description="'staged' or 'since <base>'")
    changed_files: list[str]
    scan: ScanOut = Field(description="findings on the changed files at the agent threshold")
    verdict: Verdict = Field(description="the pre-commit hook's decision")
    ai_assisted: Verdict = Field(description="the commit-msg hook's decision when the commit message carries an "
                                 "AI trailer (Co-authored-by: an assistant), at the stricter ai-assisted threshold")


class RuleOut(_Frozen):
    rule_id: str
    title: str
    severity: str
    confidence: str
    languages: list[str]
    cwe: list[str]
    owasp: list[str]
    message: str
    what: str
    why: str
    example: str
    instead: str = Field(description="use instead")
    references: list[str]
    fix_available: bool
    markdown: str = Field(description="the whole documentation as Markdown")


def finding_out(f: Finding, rules: dict[str, Rule]) -> FindingOut:
    """A finding as the tools return it (the JSON report's shape plus title and fix hint)."""
    d = finding_to_dict(f)
    rule = rules.get(f.rule_id)
    return FindingOut(
        rule_id=f.rule_id,
        title=rule.title if rule else f.rule_id,
        severity=d["severity"],
        confidence=d["confidence"],
        cwe=d["cwe"],
        path=d["path"],
        range=Span.model_validate(d["range"]),
        message=f.message,
        fix_hint=fix_hint(f, rule),
        fix=FixOut.model_validate(d["fix"]) if "fix" in d else None,
        evidence=EvidenceOut.model_validate(d["evidence"]) if "evidence" in d else None,
        fingerprint=f.fingerprint,
    )


def notice_out(n: Notice) -> NoticeOut:
    kind = n.kind if n.kind in ("skipped", "error", "warning") else "warning"
    return NoticeOut(path=n.path, kind=kind, message=n.message)  # type: ignore[arg-type]


def rule_out(rule: Rule) -> RuleOut:
    docs = rule.docs
    return RuleOut(
        rule_id=rule.id, title=rule.title, severity=rule.severity.label, confidence=rule.confidence.label,
        languages=list(rule.languages), cwe=list(rule.cwe_labels), owasp=list(rule.owasp), message=rule.message,
        what=docs.what.strip(), why=docs.why.strip(), example=docs.example.strip(), instead=docs.instead.strip(),
        references=list(docs.references), fix_available=bool(rule.fix),
        markdown=docs.markdown(f"{rule.id}: {rule.title}") or rule.message,
    )
