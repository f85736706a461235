"""The engine's data types: rules, findings and where they point.

Everything here is a frozen dataclass so that findings can be hashed, cached
and compared, and so that no front end can change what the engine decided.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any


class RailguardError(Exception):
    """An error the user can fix. The message names the file and what to change."""


def describe_exception(exc: BaseException) -> str:
    """An internal error as its type and the place it was raised, never its message: a
    message may quote the text of the file being scanned, and a secret with it."""
    import traceback
    from pathlib import Path

    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    return f"{type(exc).__name__} at {Path(frames[-1].filename).name}:{frames[-1].lineno}"


class Severity(enum.IntEnum):
    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of {names})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Confidence(enum.IntEnum):
    LOW = 0
    MEDIUM = 1
    HIGH = 2

    @classmethod
    def parse(cls, text: str) -> Confidence:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown confidence {text!r} (expected one of {names})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Position:
    """A place in a document: 0-based line, 0-based column in code points."""

    line: int
    column: int


@dataclass(frozen=True, order=True)
class Range:
    start: Position
    end: Position
    start_byte: int = 0
    end_byte: int = 0

    @classmethod
    def of_lines(cls, start_line: int, start_col: int, end_line: int, end_col: int) -> Range:
        return cls(Position(start_line, start_col), Position(end_line, end_col))


@dataclass(frozen=True)
class Location:
    path: str
    range: Range
    message: str = ""


@dataclass(frozen=True)
class TextEdit:
    """Replace the text between two byte offsets of the scanned document."""

    range: Range
    new_text: str


@dataclass(frozen=True)
class Fix:
    description: str
    edits: tuple[TextEdit, ...]
    safe: bool = True


@dataclass(frozen=True)
class Evidence:
    """What a finding shows of the matched text. For secrets only a redacted form."""

    snippet: str
    redacted: bool = False
    secret_prefix: str = ""
    secret_length: int = 0
    secret_hash: str = ""


@dataclass(frozen=True)
class RuleDocs:
    what: str = ""
    why: str = ""
    example: str = ""
    instead: str = ""
    references: tuple[str, ...] = ()

    def markdown(self, title: str = "") -> str:
        parts: list[str] = []
        if title:
            parts.append(f"### {title}")
        if self.what:
            parts.append(f"**What it does**\n\n{self.what.strip()}")
        if self.why:
            parts.append(f"**Why is this bad?**\n\n{self.why.strip()}")
        if self.example:
            parts.append(f"**Example**\n\n```\n{self.example.strip()}\n```")
        if self.instead:
            parts.append(f"**Use instead**\n\n```\n{self.instead.strip()}\n```")
        if self.references:
            refs = "\n".join(f"- {r}" for r in self.references)
            parts.append(f"**References**\n\n{refs}")
        return "\n\n".join(parts)


@dataclass(frozen=True)
class Rule:
    """A rule as loaded from a YAML pack. The matcher is analyzer-specific data."""

    id: str
    title: str
    analyzer: str
    languages: tuple[str, ...]
    severity: Severity
    confidence: Confidence
    message: str
    cwe: tuple[int, ...] = ()
    owasp: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    docs: RuleDocs = field(default_factory=RuleDocs)
    matcher: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    fix: dict[str, Any] | None = field(default=None, compare=False, hash=False)
    paths: tuple[str, ...] = ()
    pack: str = ""
    source: str = ""

    @property
    def cwe_labels(self) -> tuple[str, ...]:
        return tuple(f"CWE-{c}" for c in self.cwe)


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    confidence: Confidence
    message: str
    path: str
    range: Range
    cwe: tuple[int, ...] = ()
    analyzer: str = ""
    fingerprint: str = ""
    evidence: Evidence | None = None
    fix: Fix | None = None
    related: tuple[Location, ...] = ()
    tags: tuple[str, ...] = ()
    suppression: str = ""  # a suppressed result: the comment that suppressed it and its reason

    @property
    def line(self) -> int:
        """1-based line, as people count."""
        return self.range.start.line + 1

    @property
    def column(self) -> int:
        return self.range.start.column + 1

    def with_changes(self, **changes: Any) -> Finding:
        return replace(self, **changes)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.range.start.line, self.range.start.column, self.rule_id)


@dataclass(frozen=True)
class Notice:
    """Something the user should know that is not a finding: a skipped file, a bad rule."""

    path: str
    message: str
    kind: str = "skipped"  # skipped | error | warning

    def line(self) -> str:
        return f"{self.path}: {self.message}"
