"""What every analyzer is, and the registry the engine iterates over.

The registry maps a name to the module that implements it, so that an analyzer
is imported only when a rule or the configuration asks for it (the secrets
analyzer pulls in detect-secrets, the semgrep one a subprocess, ...).
"""

from __future__ import annotations

import abc
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.document import Document
    from railguard.model import Finding, Notice, Rule
    from railguard.rules.loader import RuleError


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
    # rules an analyzer re-scanned in wider windows than `regions` (their verdicts may depend on
    # text outside them): their earlier findings are carried over outside these windows only
    rule_regions: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    # with `regions`: the text of the scan whose findings are kept outside them (or None)
    previous_data: bytes | None = None
    # what the policy stage knows of the file: "test" code, a "translation" catalogue
    kinds: frozenset[str] = frozenset()


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


class Analyzer(abc.ABC):
    """What every analyzer is. The engine iterates the registry below and knows nothing else
    of an analyzer than this contract: adding one touches its own module and one registry line.

    Class attributes declare it: `name`, the `languages` it reads (None: it decides per file in
    `applies_to`), its `precedence` when two analyzers report one problem (the higher stays),
    whether it can re-scan only the regions an edit touched, and the pip extra it needs."""

    name: ClassVar[str]
    languages: ClassVar[frozenset[str] | None] = None
    precedence: ClassVar[int] = 0
    supports_regions: ClassVar[bool] = False
    extra: ClassVar[str] = ""  # the pip extra whose absence makes it unavailable
    errors: Sequence[RuleError] = ()  # problems with its rules, found when it was built

    @classmethod
    def unavailable(cls) -> str | None:
        """Why it cannot run here (an optional dependency is missing), or None."""
        return None

    @property
    def extra_rules(self) -> Sequence[Rule]:
        """Rules it reads itself rather than from railguard's packs (for reports and hovers)."""
        return ()

    def applies_to(self, document: Document) -> bool:
        return self.languages is None or document.language in self.languages

    def prepare(self, files: list[tuple[Path, str]], config: Config, *, surface: str = "ci",
                use_cache: bool = False, read: Callable[[Path, str], bytes | None] | None = None) -> dict | None:
        """Project-wide facts computed once per scan (JSON-able), or None. `read` gives file
        contents when they do not come from the work tree (the commit gate reads the index)."""
        return None

    def expect(self, files: Sequence[tuple[str, bytes]]) -> None:
        """The files (path, content) of the small scan about to run: work they share can be done
        once for them all. It must not change what the scan finds."""
        return None

    def warm_up(self, language: str) -> None:
        """Do now the work the first scan of a language would do (the editor calls it idle)."""
        return None

    @abc.abstractmethod
    def analyze(self, document: Document, context: ScanContext) -> Iterable[Finding]:
        """The findings in one document."""


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


def load_analyzer_class(name: str) -> type[Analyzer]:
    module = importlib.import_module(ANALYZERS[name])
    cls = module.ANALYZER
    if not (isinstance(cls, type) and issubclass(cls, Analyzer)):
        raise TypeError(f"{ANALYZERS[name]}.ANALYZER is not an Analyzer")
    return cls
