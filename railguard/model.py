"""The engine's data types: rules, findings and where they point.

Everything here is a frozen dataclass so that findings can be hashed, cached
and compared, and so that no front end can change what the engine decided.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from pathlib import Path
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


# ---------------------------------------------------------------- what a scan reads


class Origin(enum.Enum):
    """Where the bytes of a source file come from."""

    DISK = "disk"  # the working tree
    INDEX = "index"  # a staged blob (the commit gate judges the index, not the working tree)
    BUFFER = "buffer"  # an editor's or an agent's unsaved text


@dataclass(frozen=True)
class SourceFile:
    """One file to scan: its reported path (project-relative, POSIX separators), its bytes and
    where they come from. Disk files may leave `data` unset: it is read when the file is scanned
    (by a worker process in a large scan), from `location`."""

    path: str
    data: bytes | None = field(default=None, repr=False, compare=False)
    origin: Origin = Origin.DISK
    location: Path | None = None  # the file on disk (or where it would be, for blobs and buffers)

    @classmethod
    def on_disk(cls, location: Path, path: str) -> SourceFile:
        return cls(path, None, Origin.DISK, location)

    @classmethod
    def from_bytes(cls, path: str, data: bytes, origin: Origin, location: Path | None = None) -> SourceFile:
        return cls(path, data, origin, location)

    @property
    def display(self) -> str:  # the name older callers used
        return self.path

    def read(self) -> bytes:
        """The file's bytes; OSError for a disk file that cannot be read."""
        if self.data is not None:
            return self.data
        if self.location is None:
            raise OSError(f"{self.path}: no content and no location")
        return self.location.read_bytes()

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        if self.location is None:
            return 0
        return self.location.stat().st_size


@dataclass
class ScanReport:
    """What a scan of many files found, after the policy stage: the findings a caller sees,
    the suppressed ones (kept, for SARIF and audits), notices, counts, and what the surface's
    threshold left out."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    files: int = 0
    lines: int = 0
    cached: int = 0
    threshold: Threshold | None = None  # the threshold applied (None: every finding is shown)
    below_threshold: int = 0  # findings the threshold left out
    baselined: int = 0  # findings the baseline accepted
    excluded: int = 0  # files the excludes left out

    @property
    def errors(self) -> list[Notice]:
        return [n for n in self.notices if n.kind == "error"]

    @property
    def skipped(self) -> list[Notice]:
        return [n for n in self.notices if n.kind == "skipped"]


# ---------------------------------------------------------------- configuration types


class Surface(str, enum.Enum):
    """Where findings are shown; each has its own threshold."""

    EDITOR = "editor"
    COMMIT = "commit"
    CI = "ci"
    AGENT = "agent"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, text: str | Surface) -> Surface:
        try:
            return cls(str(text).strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown surface {text!r} (expected one of {names})") from None


@dataclass(frozen=True)
class Threshold:
    severity: Severity
    confidence: Confidence

    def admits(self, severity: Severity, confidence: Confidence) -> bool:
        return severity >= self.severity and confidence >= self.confidence

    def admits_finding(self, finding: Finding) -> bool:
        return self.admits(finding.severity, finding.confidence)

    def with_overrides(self, severity: str | None = None, confidence: str | None = None) -> Threshold:
        """This threshold with a command line's or an editor setting's severity/confidence."""
        return Threshold(Severity.parse(severity) if severity else self.severity,
                         Confidence.parse(confidence) if confidence else self.confidence)

    def describe(self) -> str:
        return f"severity >= {self.severity.label}, confidence >= {self.confidence.label}"


EVERYTHING = Threshold(Severity.INFO, Confidence.LOW)


@dataclass(frozen=True)
class Thresholds:
    editor: Threshold = Threshold(Severity.LOW, Confidence.LOW)
    commit: Threshold = Threshold(Severity.HIGH, Confidence.MEDIUM)
    ci: Threshold = Threshold(Severity.MEDIUM, Confidence.MEDIUM)
    # a coding agent hears of every medium weakness in the code it just wrote, also where the
    # evidence is too thin to fail a commit or CI (it can check and fix at once)
    agent: Threshold = Threshold(Severity.MEDIUM, Confidence.LOW)
    ai_assisted: Threshold = Threshold(Severity.MEDIUM, Confidence.MEDIUM)  # commits marked AI-assisted

    def for_surface(self, surface: Surface | str) -> Threshold:
        if surface == "ai-assisted":
            return self.ai_assisted
        return getattr(self, Surface.parse(surface).value)


DEFAULT_BASELINE = ".railguard-baseline.json"


@dataclass(frozen=True)
class Policy:
    """What callers get to see, decided once from the configuration (see engine/policy.py)."""

    thresholds: Thresholds = Thresholds()
    severity_overrides: tuple[tuple[str, Severity], ...] = ()
    excludes: tuple[str, ...] = ()  # configured, gitignore syntax
    include: tuple[str, ...] = ()  # brings back what a default exclude would leave out
    default_excludes: bool = True
    baseline: str = DEFAULT_BASELINE  # relative to the project root unless absolute
    max_file_size: int = 2_000_000
    # generic-secret, injection and crypto findings in test code drop to this severity
    test_downgrade: bool = True
    test_severity: Severity = Severity.LOW
    test_paths: tuple[str, ...] = ()  # more test folders/files, gitignore syntax
    # private keys (PEM, OpenSSH, PGP) in test code keep their severity (else they drop with the rest)
    test_private_keys: bool = False

    def severity_override(self, rule_id: str) -> Severity | None:
        for rid, sev in self.severity_overrides:
            if rid == rule_id:
                return sev
        return None
