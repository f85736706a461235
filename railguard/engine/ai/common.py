"""What a detector of the `ai` analyzer reports, and small helpers the detectors share."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from railguard.model import Confidence, Evidence, Severity

if TYPE_CHECKING:
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document
    from railguard.engine.paths import PathFilter


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


@dataclass(frozen=True)
class Family:
    """Detectors that report several kinds of hit, run at most once per document."""

    kinds: tuple[str, ...]
    paths: PathFilter | None  # None: decided by `applies`
    applies: Callable[[Document], bool] | None = None

    def wants(self, document: Document) -> bool:
        if self.paths is not None:
            return self.paths.matches(document.path)
        return self.applies(document) if self.applies else False


class DetectorGroup(Protocol):
    """One concern of the `ai` analyzer (agent configuration, supply chain, hidden text):
    the families it runs and the hits of one family on one document."""

    families: Mapping[str, Family]

    def hits(self, family: str, doc: Document, context: ScanContext) -> Iterator[Hit]: ...


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
