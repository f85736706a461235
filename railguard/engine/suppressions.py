"""Inline suppressions.

On the reported line, or alone on the line above it, in the language's comment syntax:

    railguard: ignore[python.yaml-load,python.pickle-loads] the file is written by us
    # nosec                      (bandit)     -> every rule on the line
    # nosemgrep[: rule-id]       (semgrep)    -> every rule, or the named ones
    # pragma: allowlist secret   (detect-secrets) -> secrets on the line
    # pragma: allowlist nextline secret          -> secrets on the next line

A suppression without rule ids or without a reason still works, and is itself
reported by the rules `railguard.suppression-without-rule` / `-without-reason`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from railguard.engine.document import Document
from railguard.model import Finding

_RAILGUARD = re.compile(r"railguard:\s*ignore(?:\[(?P<ids>[^\]]*)\])?(?P<reason>[^\n]*)", re.IGNORECASE)
_NOSEC = re.compile(r"(?:#|//|/\*)\s*nosec\b", re.IGNORECASE)
_NOSEMGREP = re.compile(r"nosemgrep(?::\s*(?P<ids>[\w.\-, ]+))?", re.IGNORECASE)
_ALLOWLIST = re.compile(r"pragma:\s*allowlist[ -]secret", re.IGNORECASE)
_ALLOWLIST_NEXT = re.compile(r"pragma:\s*allowlist[ -]nextline[ -]secret", re.IGNORECASE)
_COMMENT_ONLY = re.compile(r"^\s*(#|//|/\*|\*|--|<!--|;|%)")
_MARKERS = ("railguard", "nosec", "nosemgrep", "allowlist")
# the hygiene rules are never silenced by the comment they report on
UNSUPPRESSIBLE = ("railguard.suppression-without-rule", "railguard.suppression-without-reason")


@dataclass(frozen=True)
class Suppression:
    rule_ids: tuple[str, ...] | None  # None: all rules
    secrets_only: bool = False
    justification: str = ""  # the marker and its reason, as written (for SARIF and the audit log)

    def covers(self, finding: Finding) -> bool:
        if self.secrets_only:
            return finding.analyzer == "secrets"
        if self.rule_ids is None:
            return True
        return any(finding.rule_id == rid or finding.rule_id.startswith(rid + ".") for rid in self.rule_ids)


def _parse_line(line: str) -> list[Suppression]:
    lowered = line.lower()
    if not any(m in lowered for m in _MARKERS):
        return []
    found: list[Suppression] = []
    for m in _RAILGUARD.finditer(line):
        ids = m.group("ids")
        rule_ids = tuple(i.strip() for i in ids.split(",") if i.strip()) if ids else None
        found.append(Suppression(rule_ids or None, justification=_said(m.group(0))))
    if m := _NOSEC.search(line):
        found.append(Suppression(None, justification=_said(line[m.start():])))
    for m in _NOSEMGREP.finditer(line):
        ids = m.group("ids")
        rule_ids = tuple(i.strip() for i in ids.split(",") if i.strip()) if ids else None
        found.append(Suppression(rule_ids or None, justification=_said(line[m.start():])))
    if (m := _ALLOWLIST.search(line)) and not _ALLOWLIST_NEXT.search(line):
        found.append(Suppression(None, secrets_only=True, justification=_said(line[m.start():])))
    return found


def _said(text: str) -> str:
    text = " ".join(text.replace("*/", " ").replace("-->", " ").split())
    return text if len(text) <= 200 else text[:199] + "…"


def suppressions_for_line(doc: Document, line: int) -> list[Suppression]:
    result = _parse_line(doc.line_text(line))
    if line > 0:
        above = doc.line_text(line - 1)
        if _COMMENT_ONLY.match(above):
            result += [s for s in _parse_line(above) if not s.secrets_only]
        if m := _ALLOWLIST_NEXT.search(above):
            result.append(Suppression(None, secrets_only=True, justification=_said(above[m.start():])))
    return result


def filter_suppressed(findings: list[Finding], doc: Document) -> tuple[list[Finding], list[Finding]]:
    """(kept, suppressed)."""
    if not findings:
        return [], []
    if not any(m in doc.data.lower() for m in (b"railguard", b"nosec", b"nosemgrep", b"allowlist")):
        return findings, []
    kept, suppressed = [], []
    cache: dict[int, list[Suppression]] = {}
    for f in findings:
        if f.rule_id in UNSUPPRESSIBLE:
            kept.append(f)
            continue
        line = f.range.start.line
        if line not in cache:
            cache[line] = suppressions_for_line(doc, line)
        covering = [s for s in cache[line] if s.covers(f)]
        if covering:
            suppressed.append(f.with_changes(suppression=covering[0].justification))
        else:
            kept.append(f)
    return kept, suppressed


def suppression_comment(language_comment: str, rule_id: str) -> str:
    """The comment text the editor's quick fix inserts."""
    return f"{language_comment} railguard: ignore[{rule_id}] <reason>"
