"""Building findings from rules, and their fingerprints.

A fingerprint identifies a finding across edits that do not touch it: it hashes
the rule id, the file's path and the whitespace-free text of the reported lines,
plus the position of that text among identical ones in the file. Moving code up
or down, re-indenting or re-wrapping it keeps the fingerprint.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import TYPE_CHECKING

from railguard.engine.fixes import render_template
from railguard.model import Evidence, Finding, Fix, Location, Rule

if TYPE_CHECKING:
    from railguard.engine.document import Document

_WS = re.compile(r"\s+")
MAX_SNIPPET = 200


def short_text(text: str, limit: int = 60) -> str:
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def make_finding(
    rule: Rule,
    doc: Document,
    start_byte: int,
    end_byte: int,
    *,
    captures: dict[str, str] | None = None,
    fix: Fix | None = None,
    message: str | None = None,
    related: tuple[Location, ...] = (),
    analyzer: str | None = None,
) -> Finding:
    texts = {k: short_text(v) for k, v in (captures or {}).items()}
    msg = render_template(message or rule.message, texts)
    rng = doc.range_of(start_byte, end_byte)
    snippet = doc.line_text(rng.start.line)
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        confidence=rule.confidence,
        message=msg,
        path=doc.path,
        range=rng,
        cwe=rule.cwe,
        analyzer=analyzer or rule.analyzer,
        evidence=Evidence(snippet=snippet[:MAX_SNIPPET]),
        fix=fix,
        related=related,
        tags=rule.tags,
    )


def _normalized_context(finding: Finding, doc: Document) -> str:
    if finding.evidence is not None and finding.evidence.redacted:
        # secrets: the value's hash identifies them wherever they move
        return finding.evidence.secret_hash
    lines = [doc.line_text(n) for n in range(finding.range.start.line, min(finding.range.end.line, finding.range.start.line + 4) + 1)]
    if len(lines) == 1 and _BARE_DECORATOR.match(lines[0]):
        # `@csrf_exempt` reads the same above every view: the definition it decorates tells them apart
        lines.append(_decorated_header(doc, finding.range.start.line))
    context = _WS.sub("", "".join(lines))
    if finding.suppression:
        # the suppression comment is not part of what was found: a silenced finding keeps the
        # fingerprint it had before the comment was added
        marker = _WS.sub("", finding.suppression).rstrip("…")
        at = context.find(marker) if marker else -1
        if at >= 0:
            context = context[:at].rstrip("#/*-;<!")
    return context


# a decorator without arguments (`@csrf_exempt`, `@method_decorator`-free forms): the same text on many lines
_BARE_DECORATOR = re.compile(r"^\s*@[\w.]+\s*(?:#.*)?$")
_DEFINITION = re.compile(r"^\s*(?:async\s+)?(?:def|class|function)\s+\w+|^\s*(?:export\s+)?(?:public|private|protected)?\s*\w+\s*\(")


def _decorated_header(doc: Document, line: int) -> str:
    """The first line after a decorator that is not a decorator itself: the definition's header
    (empty when none follows within a few lines)."""
    last = min(line + 12, len(doc.line_starts) - 1)
    for n in range(line + 1, last + 1):
        text = doc.line_text(n)
        stripped = text.strip()
        if not stripped or stripped.startswith(("@", "#", "//")):
            continue
        return text.split("(", 1)[0] if _DEFINITION.match(text) else ""
    return ""


def assign_fingerprints(findings: list[Finding], doc: Document) -> list[Finding]:
    """Give every finding that has none a stable fingerprint."""
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        if f.fingerprint:
            out.append(f)
            continue
        context = _normalized_context(f, doc)
        key = (f.rule_id, context)
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.sha256(f"{f.rule_id}\0{f.path}\0{context}\0{occurrence}".encode("utf-8", "surrogateescape"))
        out.append(f.with_changes(fingerprint=digest.hexdigest()[:32]))
    return out
