"""What a detector of the `ai` analyzer reports, and small helpers the detectors share."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from railguard.model import Confidence, Evidence, Severity

if TYPE_CHECKING:
    from railguard.engine.document import Document


@dataclass(frozen=True)
class Hit:
    """One problem a detector found: `kind` selects the rule (its `detector:` value)."""

    kind: str
    start: int  # character offsets into document.text
    end: int
    captures: dict[str, str] = field(default_factory=dict)
    replacement: str | None = None  # a fix replaces [start, end) with this text
    fix_description: str = ""
    fix_safe: bool = True
    severity: Severity | None = None
    confidence: Confidence | None = None
    secret: str | None = None  # the value must be redacted in evidence


@dataclass
class DetectorInput:
    """What a detector receives: the document, the options of the rules that asked for it,
    and the project facts prepared once per scan."""

    document: Document
    options: dict[str, Any]
    project: dict[str, Any]
    root: str


class CharToByte:
    """Character offset -> byte offset of a document's text, for documents with non-ASCII text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()
        self._cache_char = 0
        self._cache_byte = 0

    def __call__(self, index: int) -> int:
        if self.ascii:
            return index
        if index < self._cache_char:
            self._cache_char = 0
            self._cache_byte = 0
        piece = self.text[self._cache_char : index]
        self._cache_byte += len(piece.encode("utf-8", "surrogateescape"))
        self._cache_char = index
        return self._cache_byte


def redact(value: str) -> Evidence:
    """Evidence for a secret: a short prefix, the length and a hash, never the value."""
    prefix = value[:4] if len(value) >= 12 else ""
    return Evidence(
        snippet=f"{prefix}{'*' * 8} ({len(value)} characters)",
        redacted=True,
        secret_prefix=prefix,
        secret_length=len(value),
        secret_hash=hashlib.sha256(value.encode("utf-8", "surrogateescape")).hexdigest()[:32],
    )


_PLACEHOLDER = re.compile(
    r"^\s*$|\$\{|\$\(|^\$[A-Za-z_]|\{\{|%[A-Za-z_]+%|^<.*>$|\bx{3,}\b|^\*+$|changeme|change[-_]me|"
    r"^your[-_ ]|[-_ ]here$|^(?:todo|tbd|none|null|example|placeholder|dummy|redacted|secret|token|password)$"
    r"|^\.\.\.|…",
    re.IGNORECASE,
)


def is_placeholder(value: str) -> bool:
    """A value that is a reference or a placeholder, not a secret in plain text."""
    v = value.strip()
    if len(v) < 8 or len(set(v)) <= 2:
        return True
    return bool(_PLACEHOLDER.search(v))
