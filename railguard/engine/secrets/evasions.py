"""Keys spelled so that no single literal shows them: split literals and base64.

    key = "AKIA" + "<16 more>"              # explicit concatenation
    key = ("ghp_" "<36 more>")              # implicit concatenation, across lines too
    key = "QUtJQ<...>"                      # base64 of a provider key

The literals of a concatenation are joined, a base64 literal is decoded, and the provider
detectors (pattern rules without a line context and not personal data) run on the result.
A hit is reported at the whole expression (or the literal) of the original file, under
the provider's rule, with the joined or decoded value as the secret: it is redacted like
any other. A hit inside one literal of a concatenation is left to the line detectors.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern
from railguard.engine.secrets.detectors import LineContext, PatternDetector, SecretHit

if TYPE_CHECKING:
    from railguard.engine.document import Document

# a plain literal: no escapes, no newline; the separator is whitespace and at most one `+`
_LITERAL = rb"\"[^\"\\\r\n]{0,400}\"|'[^'\\\r\n]{0,400}'"
_CONCAT = LazyPattern(rb"(?:" + _LITERAL + rb")(?:[ \t\r\n]{0,40}(?:\+[ \t\r\n]{0,40})?(?:" + _LITERAL + rb")){1,40}")
_PART = LazyPattern(_LITERAL)
# the quote before it is matched (group 1: the literal), not looked behind for: a pattern that starts
# with a look-behind is tried at every position of the file
_BASE64 = LazyPattern(rb"[\"']([A-Za-z0-9+/]{24,400}={0,2})(?=[\"'])")
_PRINTABLE = LazyPattern(r"[\x20-\x7e]+\Z")


def provider_detectors(detectors: list) -> list[PatternDetector]:
    """The detectors of a provider's key format: a pattern that needs nothing else on the line."""
    return [d for d in detectors if isinstance(d, PatternDetector) and d.context is None and not d.sensitive]


def hidden_hits(document: Document, detectors: list[PatternDetector], ctx: LineContext) -> list[SecretHit]:
    """Provider keys that only a joined concatenation or a decoded base64 literal shows."""
    if not detectors:
        return []
    data = document.data
    # (start, end, text, where one literal ends and the next begins: None for a decoded literal)
    found: list[tuple[int, int, str, list[int] | None]] = []
    for m in _CONCAT.finditer(data):
        parts = [p.group()[1:-1] for p in _PART.finditer(m.group())]
        bounds, pos = [], 0
        for p in parts[:-1]:
            pos += len(p.decode("utf-8", "replace"))
            bounds.append(pos)
        found.append((m.start(), m.end(), b"".join(parts).decode("utf-8", "replace"), bounds))
    for m in _BASE64.finditer(data):
        decoded = _decode(m.group(1))
        if decoded is not None:
            found.append((m.start(1), m.end(1), decoded, None))
    if not found:
        return []
    # the detectors whose keywords occur in none of these texts find nothing there: one test each
    lowered = "\n".join(text for _, _, text, _ in found).lower()
    detectors = [d for d in detectors if d.may_trigger(lowered)]
    hits: list[SecretHit] = []
    for start, end, text, bounds in found:
        for lo, hi, value, detector in _run(detectors, text, ctx):
            if bounds is None or any(lo < b < hi for b in bounds):
                hits.append(_hit(document, detector, start, end, value))
    return hits


def _decode(raw: bytes) -> str | None:
    try:
        text = base64.b64decode(raw, validate=True).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return text if _PRINTABLE.match(text) else None


def _run(detectors: list[PatternDetector], text: str, ctx: LineContext) -> Iterator[tuple[int, int, str, PatternDetector]]:
    lower = text.lower()
    for detector in detectors:
        if detector.triggered(text, lower):
            for hit in detector.find(text, ctx):
                if not hit.example:
                    yield hit.start - ctx.offset, hit.end - ctx.offset, hit.value, detector


def _hit(document: Document, detector: PatternDetector, start: int, end: int, value: str) -> SecretHit:
    first, last = document.position_at(start), document.position_at(end)
    return SecretHit(detector.rule, first.line, first.column, last.column if last.line == first.line else
                     len(document.line_text(first.line)), value, detector.priority,
                     end_line=last.line if last.line != first.line else -1,
                     end_col=last.column if last.line != first.line else -1)
