"""Redaction at the source: a secret leaves the analyzer only as a prefix, a length and a digest.

`redacted_marker` is what replaces a secret wherever a line is shown:
``sk-p…[redacted 164 chars, sha256:ab12cd34]``. `scrub_findings` applies the same
replacement to every other finding of the document (a query rule that reports the
same line, a message that quoted a capture), so no output format holds the value.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern
from railguard.model import Evidence, Finding

if TYPE_CHECKING:
    from railguard.engine.document import Document

MAX_PREFIX = 4
HASH_CHARS = 16  # kept in the evidence
MARKER_HASH_CHARS = 8  # shown in the snippet
MAX_SNIPPET = 200
# Values shorter than this (passwords, card numbers, SSNs) get a salted, stretched digest so a
# report's hash cannot be reversed by trying every 9-digit number.
STRETCH_BELOW = 24
_SALT = b"railguard/secret-digest/v1"


@lru_cache(maxsize=4096)
def secret_digest(value: str) -> str:
    """Full hex digest of a secret: SHA-256, stretched with PBKDF2-HMAC-SHA256 for short values."""
    raw = value.encode("utf-8", "surrogateescape")
    if len(value) < STRETCH_BELOW:
        # railguard: ignore[python.static-salt] a fingerprint must match on every machine; stretching only slows lookups
        return hashlib.pbkdf2_hmac("sha256", raw, _SALT, 20_000).hex()
    return hashlib.sha256(raw).hexdigest()


def detect_secrets_hash(value: str) -> str:
    """The SHA-1 that detect-secrets stores in `.secrets.baseline` for a secret."""
    return hashlib.sha1(value.encode("utf-8", "surrogateescape")).hexdigest()  # noqa: S324 - their format


def prefix_length(value: str) -> int:
    """At most 4 characters, and never more than a quarter of the value."""
    return min(MAX_PREFIX, len(value) // 4)


def redacted_marker(value: str) -> str:
    shown = value[: prefix_length(value)]
    return f"{shown}…[redacted {len(value)} chars, sha256:{secret_digest(value)[:MARKER_HASH_CHARS]}]"


def printable(text: str) -> str:
    """Lone surrogates (invalid UTF-8 kept byte for byte) cannot be written to a report."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def shorten(snippet: str) -> str:
    return snippet if len(snippet) <= MAX_SNIPPET else snippet[: MAX_SNIPPET - 1] + "…"


def secret_evidence(snippet: str, value: str) -> Evidence:
    return Evidence(
        snippet=shorten(snippet),
        redacted=True,
        secret_prefix=value[: prefix_length(value)],
        secret_length=len(value),
        secret_hash=secret_digest(value)[:HASH_CHARS],
    )


def secret_fingerprint(rule_id: str, value: str) -> str:
    """Stable wherever the value moves (another line, another file): rule and value digest only."""
    return hashlib.sha256(f"{rule_id}\0{secret_digest(value)}".encode()).hexdigest()[:32]


def _scrub_text(text: str, values: list[str]) -> str:
    for value in values:
        if value in text:
            text = text.replace(value, redacted_marker(value))
        # a shortened capture ("…") may hold a long prefix of the value
        head = value[:12]
        if len(value) > 12 and head in text:
            i = text.find(head)
            j = i + len(head)
            while j < len(text) and j - i < len(value) and text[j] == value[j - i]:
                j += 1
            text = text[:i] + redacted_marker(value) + text[j:]
    return text


def scrub_findings(findings: list[Finding], document: Document, values: list[str] | None = None) -> list[Finding]:
    """Redact every secret value found in this document from the other findings' text."""
    secrets = [f for f in findings if f.evidence is not None and f.evidence.redacted]
    if not secrets and not values:
        return findings
    found = list(values or [])
    for f in secrets:
        raw = document.data[f.range.start_byte : f.range.end_byte].decode("utf-8", "surrogateescape")
        if raw:
            found.append(raw)
    found = sorted({v for v in found if len(v) >= 4}, key=len, reverse=True)
    if not found:
        return findings
    out = []
    for f in findings:
        if f.evidence is not None and f.evidence.redacted:
            out.append(f)
            continue
        message = _scrub_text(f.message, found)
        evidence = f.evidence
        if evidence is not None:
            snippet = _scrub_text(evidence.snippet, found)
            if snippet != evidence.snippet:
                evidence = Evidence(snippet=shorten(snippet))
        if message != f.message or evidence is not f.evidence:
            f = f.with_changes(message=message, evidence=evidence)
        out.append(f)
    return out


# Text no reader sees but every log carries: Unicode tag characters (U+E0000-U+E007F) can spell a
# whole token invisibly. Evidence shows a count instead, and words of the hidden text that look like
# keys are redacted wherever a message quotes them.
_TAG_RUN = LazyPattern("[\U000e0000-\U000e007f]+")
_TAG_LEAD = b"\xf3\xa0"  # the first two bytes of every tag character in UTF-8
# a literal that is a password by its place: `password="..."`, `auth=("user", "...")`, BasicAuth("u", "...")
_PASSWORD_HINT = LazyPattern(r"(?i)pass|pwd|secret|token|auth|api.?key")
_KEYWORD_LITERAL = LazyPattern(
    r"""(?i)((?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key)["']?\s*[:=]\s*[rbuf]{0,2}(["']))([^"'\n]{3,})(\2)""")
_AUTH_PAIR = LazyPattern(
    r"""(?i)((?:\bauth\s*=\s*[(\[]|(?:Basic|Digest|Proxy)Auth\s*\()\s*[rbuf]{0,2}(["'])[^"'\n]*\2\s*,\s*[rbuf]{0,2}(["']))"""
    r"""([^"'\n]{3,})(\3)""")


def _mask_passwords(text: str) -> str:
    if not _PASSWORD_HINT.search(text):
        return text

    def mask(m: re.Match[str]) -> str:
        value = m.group(m.lastindex - 1)  # the group before the closing quote
        if "[redacted" in value:
            return m.group(0)
        return m.group(1) + redacted_marker(value) + m.group(m.lastindex)

    return _AUTH_PAIR.sub(mask, _KEYWORD_LITERAL.sub(mask, text))


def _hidden_words(text: str) -> list[str]:
    words: list[str] = []
    for run in _TAG_RUN.findall(text):
        decoded = "".join(chr(ord(c) - 0xE0000) for c in run)
        words += [w for w in re.findall(r"[A-Za-z0-9_\-+=.]{16,}", decoded)  # key-like: long, letters and digits
                  if any(c.isdigit() for c in w) and any(c.isalpha() for c in w)]
    return words


def sanitize_evidence(findings: list[Finding], document: Document) -> list[Finding]:
    """Last pass over what a finding shows: passwords by their place masked, tag characters counted
    and the key-like words they spell redacted (from messages too). Cheap when neither occurs."""
    has_tags = _TAG_LEAD in document.data
    out = []
    for f in findings:
        ev = f.evidence
        if ev is None or ev.redacted:
            if has_tags and _TAG_RUN.search(f.message):
                f = f.with_changes(message=_scrub_text(_TAG_RUN.sub(_tag_count, f.message), _hidden_words(f.message)))
            out.append(f)
            continue
        snippet, message = ev.snippet, f.message
        if has_tags:
            words = _hidden_words(snippet) + _hidden_words(message)
            snippet = _scrub_text(_TAG_RUN.sub(_tag_count, snippet), words)
            message = _scrub_text(_TAG_RUN.sub(_tag_count, message), words)
        snippet = _mask_passwords(snippet)
        if snippet != ev.snippet or message != f.message:
            f = f.with_changes(message=message, evidence=Evidence(snippet=shorten(snippet)))
        out.append(f)
    return out


def _tag_count(m: re.Match[str]) -> str:
    return f"[{len(m.group(0))} hidden tag characters]"
