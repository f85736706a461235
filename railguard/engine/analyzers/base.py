"""What every analyzer is, and the registry the engine iterates over.

The registry maps a name to the module that implements it, so that an analyzer
is imported only when a rule or the configuration asks for it (the secrets
analyzer pulls in detect-secrets, the semgrep one a subprocess, ...).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.document import Document
    from railguard.model import Finding, Notice, Rule


@dataclass
class ScanContext:
    """What an analyzer may know beyond the document: configuration and the project."""

    config: Config
    root: str = "."
    surface: str = "ci"
    # project-wide facts that analyzers compute once and share (e.g. auth markers)
    project: dict[str, Any] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)
    # a scan of a few files (CLI on one file, the commit hook): analyzers should prefer
    # start-up cost over per-file throughput
    small_scan: bool = False
    # sinks proven safe by a data-flow analyzer; syntactic findings tagged `taint-deferrable` there are dropped
    verdicts: list[SafeVerdict] = field(default_factory=list)
    # what the analyzers that ran before this one found in the document (read only)
    findings: list[Finding] = field(default_factory=list)

    # an editor re-scan after an edit: analyzers with `supports_regions = True` report only
    # findings that start in these byte ranges (the rest of the document is unchanged)
    regions: tuple[tuple[int, int], ...] | None = None


@dataclass(frozen=True)
class SafeVerdict:
    """A data-flow analyzer proved the dangerous arguments of the sink in this byte range safe
    (constant, sanitised or allow-listed) for the weaknesses listed; no weaknesses listed means
    the range is dead code (a branch whose condition is a compile-time constant)."""

    path: str
    start_byte: int
    end_byte: int
    cwe: tuple[int, ...]

    def covers(self, finding: Finding) -> bool:
        r = finding.range
        return (finding.path == self.path and (not self.cwe or bool(set(finding.cwe) & set(self.cwe)))
                and self.start_byte <= r.start_byte < self.end_byte and r.end_byte <= self.end_byte)


class Analyzer(Protocol):
    name: str

    def __init__(self, rules: list[Rule], config: Config) -> None: ...

    def applies_to(self, document: Document) -> bool: ...

    def scan(self, document: Document, context: ScanContext) -> Iterable[Finding]: ...


# name -> module path; the module defines ANALYZER (the class)
ANALYZERS: dict[str, str] = {
    "query": "railguard.engine.analyzers.query",
    "text": "railguard.engine.analyzers.text",
    "semgrep": "railguard.engine.analyzers.semgrep",
    "ai": "railguard.engine.analyzers.ai",
    "access": "railguard.engine.analyzers.access",
    "taint": "railguard.engine.analyzers.taint",
    "secrets": "railguard.engine.analyzers.secrets",
}

# analyzers that run without rules from YAML packs (they own their detectors)
RULELESS: set[str] = {"semgrep", "secrets"}  # secrets also runs the project's custom-patterns


def load_analyzer_class(name: str) -> type:
    module = importlib.import_module(ANALYZERS[name])
    return module.ANALYZER
