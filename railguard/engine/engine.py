"""The Engine: runs every enabled analyzer on a document, then the policy stage.

It knows nothing of LSP, git or terminals. Front ends hand it sources
(`scan(sources, surface) -> ScanReport`, cache and process pool behind it) or one
document (`scan_document`, and `rescan` for an editor's dirty ranges); what a surface
finally shows is decided by `engine.policy` (engine/policy.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from railguard.config import Config, default_config
from railguard.engine.analyzers.base import (
    ANALYZERS,
    RULELESS,
    Analyzer,
    SafeVerdict,
    ScanContext,
    load_analyzer_class,
)
from railguard.engine.budget import AnalyzerTimeout, time_budget
from railguard.engine.document import Document
from railguard.engine.findings import assign_fingerprints
from railguard.engine.policy import PolicyStage
from railguard.engine.secrets.redaction import sanitize_evidence, scrub_findings
from railguard.model import Finding, Notice, RailguardError, ScanReport, SourceFile, Surface
from railguard.rules.loader import RuleSet, load_rules

BINARY_SNIFF = 8192
TIMED_OUT = "timed out after"  # in the notice of an analyzer that used up its budget on a file


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    skipped: bool = False
    partial: list[str] = field(default_factory=list)  # analyzers that scanned only the regions
    rule_regions: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # ... these rules wider
    # the findings of the analyzers that can re-scan regions, before the policy stage: what the
    # next re-scan of the edited document keeps outside its regions (`rescan`'s `kept`)
    base: list[Finding] = field(default_factory=list)


def is_binary(data: bytes) -> bool:
    return b"\0" in data[:BINARY_SNIFF]


GATE_SECRETS_MAX_BYTES = 32_000_000


def gate_checks_secrets(surface: str, size: int) -> bool:
    """The commit gate runs the secrets analyzer on staged files it otherwise skips (too large,
    binary), up to a bound on memory."""
    return surface == "commit" and size <= GATE_SECRETS_MAX_BYTES


SMALL_SCAN_FILES = 16  # up to this many files, a scan compiles only the query patterns they can match


def load_ruleset(config: Config) -> RuleSet:
    packs = [Path(p) if Path(p).is_absolute() else config.root / p for p in config.get("packs")]
    rules = load_rules(packs)
    disable = list(config.get("disable"))
    if not config.get("suppression-requires-reason"):
        disable.append("railguard.suppression-without-reason")
    return rules.filtered(config.get("enable"), disable)


def _without_source(message: str, source: str) -> str:
    return message[len(source) + 2 :] if message.startswith(source + ": ") else message


class Engine:
    """Built complete: rules loaded, analyzers constructed, the policy stage ready.

    `small_scan=True` makes every document scan prefer start-up cost over throughput (an
    editor's first scans, a fixture run); `scan(sources)` decides it from the file count."""

    def __init__(self, config: Config | None = None, rules: RuleSet | None = None, *,
                 small_scan: bool = False) -> None:
        self.config = config or default_config()
        self.policy = PolicyStage(self.config.policy(), self.config.root)
        self.ruleset = rules if rules is not None else load_ruleset(self.config)
        self.rules_by_id = self.ruleset.by_id()
        self._analyzers: dict[str, Analyzer] = {}
        self.load_notices: list[Notice] = [
            Notice(e.source, _without_source(str(e), e.source), "error") for e in self.ruleset.errors
        ]
        # few files to scan: compile only what they can match (cheaper start-up, slower per file)
        self.small_scan = small_scan
        enabled = set(self.config.analyzers)
        wanted = {r.analyzer for r in self.ruleset.rules} | (RULELESS & enabled)
        self.analyzer_names = [name for name in ANALYZERS if name in wanted and name in enabled]
        # Analyzers are built now (their __init__ must stay cheap: heavy work is lazy) so that
        # rule errors they find are known before the first file, not only when one matches.
        for name in self.analyzer_names:
            try:
                analyzer = self.analyzer(name)
            except Exception as exc:  # noqa: BLE001 - reported, the other analyzers go on
                self.load_notices.append(Notice("<engine>", f"{name} analyzer unavailable: {exc}", "error"))
                continue
            for err in analyzer.errors:
                self.load_notices.append(Notice(err.source, _without_source(str(err), err.source), "error"))
            for rule in analyzer.extra_rules:  # rules an analyzer reads itself (semgrep)
                self.rules_by_id.setdefault(rule.id, rule)
        # when two analyzers report one problem, the one with the higher precedence stays
        self.precedence = {name: a.precedence for name, a in self._analyzers.items()}

    def scan(self, sources: Iterable[SourceFile], surface: Surface | str = Surface.CI, *,
             jobs: int = 0, use_cache: bool | None = None,
             progress: Callable[[int], None] | None = None,
             read: Callable[[Path, str], bytes | None] | None = None) -> ScanReport:
        """Scan files from disk, staged blobs or buffers alike: the policy's excludes, the
        content-hash cache, a process pool for large scans, aggregation. The report holds every
        finding the analyzers kept (a surface's threshold and baseline: `policy.select`)."""
        from railguard.engine.workspace import scan_sources

        return scan_sources(self, list(sources), str(Surface.parse(surface)), jobs=jobs, use_cache=use_cache,
                            progress=progress, read=read)

    def rescan(self, document: Document, ranges: tuple[tuple[int, int], ...] | None,
               surface: Surface | str = Surface.EDITOR,
               kept: Callable[[ScanResult], list[Finding]] | None = None,
               previous: bytes | None = None) -> ScanResult:
        """Re-scan an edited document: analyzers that support it report only findings that
        start in `ranges` (their names are in `result.partial`); None scans it all. `kept` gives
        the earlier findings that a partial re-scan keeps (outside what it re-scanned): the
        analyzers that run after the partial ones read them with the new ones, as in a full scan.
        `previous`: the text of that earlier scan (ScanContext.previous_data)."""
        return self.scan_document(document, surface, regions=ranges, kept=kept, previous=previous)

    def wide_rules(self, language: str) -> frozenset[str]:
        """Rules that a re-scan of regions reports in whole top-level statements or the whole document."""
        query = self._analyzers.get("query")
        wide = getattr(query, "wide_rule_ids", None)
        return wide(language) if wide is not None else frozenset()

    def analyzer(self, name: str) -> Analyzer:
        a = self._analyzers.get(name)
        if a is None:
            cls = load_analyzer_class(name)
            a = cls(self.ruleset.for_analyzer(name), self.config)
            self._analyzers[name] = a
        return a

    def scan_document(self, document: Document, surface: Surface | str = "ci", project: dict | None = None,
                      regions: tuple[tuple[int, int], ...] | None = None, *,
                      small_scan: bool | None = None,
                      kept: Callable[[ScanResult], list[Finding]] | None = None,
                      previous: bytes | None = None) -> ScanResult:
        """Scan one document. With `regions` (byte ranges), the analyzers that support it
        report only findings starting there; their names are in `result.partial`."""
        if not isinstance(document, Document):
            raise TypeError("Engine.scan_document takes a Document; many files: Engine.scan(sources)")
        surface = str(surface)
        result = ScanResult()
        analyzer_names = self.analyzer_names
        skip = (f"skipped: {len(document.data):,} bytes is over the max-file-size of {self.config.max_file_size:,} "
                "bytes") if len(document.data) > self.config.max_file_size else \
            "skipped: binary file" if is_binary(document.data) else None
        if skip is not None:
            result.skipped = True
            if not gate_checks_secrets(surface, len(document.data)):
                result.notices.append(Notice(document.path, skip))
                return result
            # a NUL byte or a big size must not carry a key past the commit gate
            result.notices.append(Notice(document.path, f"{skip} (checked for secrets only)"))
            analyzer_names = [n for n in analyzer_names if n == "secrets"]
        reason = self.policy.content_reason(document.path, document.data)
        if reason is not None:
            result.skipped = True
            result.notices.append(Notice(document.path, f"skipped: {reason} (excluded by default; `include` "
                                         "brings it back)"))
            return result
        small = self.small_scan if small_scan is None else small_scan
        context = ScanContext(self.config, str(self.config.root), surface, project if project is not None else {},
                              small_scan=small, regions=regions, kinds=self.policy.kinds(document.path),
                              previous_data=previous if regions is not None else None)
        findings: list[Finding] = []
        earlier: list[Finding] | None = None  # the findings a partial re-scan keeps (`kept`)
        budget = float(self.config.get("file-timeout"))  # per analyzer: one slow analyzer skips no other
        for name in analyzer_names:
            try:
                analyzer = self._analyzers.get(name)
                if analyzer is None or not analyzer.applies_to(document):
                    continue
                if kept is not None and result.partial and not analyzer.supports_regions:
                    if earlier is None:
                        result.rule_regions = context.rule_regions
                        earlier = kept(result)
                    context.findings = earlier + findings
                else:
                    context.findings = findings
                with time_budget(budget):
                    findings.extend(analyzer.analyze(document, context))
                if regions is not None and analyzer.supports_regions:
                    result.partial.append(name)
            except AnalyzerTimeout:
                result.notices.append(Notice(document.path, f"{name} analyzer {TIMED_OUT} {budget:g} s "
                                             "(file-timeout): this file was not fully checked", "error"))
            except RailguardError as exc:
                result.notices.append(Notice(document.path, f"{name} analyzer: {exc}", "error"))
            except RecursionError:
                result.notices.append(Notice(document.path, f"{name} analyzer: input nested too deeply", "error"))
            except Exception as exc:  # one analyzer's bug must not stop the others
                import traceback  # here: a scan without a failure does not import it

                where = traceback.extract_tb(exc.__traceback__)[-1]
                result.notices.append(
                    Notice(document.path, f"{name} analyzer failed: {type(exc).__name__} "
                           f"at {Path(where.filename).name}:{where.lineno}", "error")
                )
        result.notices.extend(context.notices)
        result.rule_regions = context.rule_regions
        if kept is not None and result.partial:
            if earlier is None:
                earlier = kept(result)
            findings = earlier + findings  # then judged together, as in a full scan
        regionable = {n for n, a in self._analyzers.items() if a.supports_regions}
        result.base = [f for f in findings if f.analyzer in regionable]
        findings = drop_deferred(findings, context.verdicts)
        # redact secret values from every finding before duplicates of a secret finding are dropped
        findings = scrub_findings([self.policy.override(f) for f in findings], document)
        findings = collapse_duplicates(sanitize_evidence(findings, document), self.precedence)
        kept, suppressed = self.policy.judge_document(findings, document)
        # silenced findings are fingerprinted with the rest: SARIF, JSON and the audit log identify them
        marked = assign_fingerprints([*kept, *suppressed], document)
        result.findings = [f for f in marked if not f.suppression]
        result.suppressed = [f for f in marked if f.suppression]
        return result


def collapse_duplicates(findings: list[Finding], precedence: dict[str, int]) -> list[Finding]:
    """One finding per problem: drop a finding whose range overlaps another's on the same
    start line with a shared CWE, keeping the higher confidence, then the more precise analyzer
    (its declared precedence: an MCP-specific secret finding of `ai` says more than a generic
    one of `secrets` at the same confidence; a provider's own rule still wins on confidence)."""
    if len(findings) < 2:
        return findings

    def rank(f: Finding) -> tuple[int, int, int]:
        return (int(f.confidence), precedence.get(f.analyzer, 0), int(f.severity))

    kept: list[Finding] = []
    for f in sorted(findings, key=rank, reverse=True):
        duplicate = False
        if f.cwe:
            for k in kept:
                if (k.rule_id != f.rule_id and k.path == f.path and k.range.start.line == f.range.start.line
                        and set(k.cwe) & set(f.cwe)
                        and k.range.start_byte < f.range.end_byte and f.range.start_byte < k.range.end_byte):
                    duplicate = True
                    break
        if not duplicate:
            kept.append(f)
    return kept


DEFERRABLE_TAG = "taint-deferrable"


def drop_deferred(findings: list[Finding], verdicts: list[SafeVerdict]) -> list[Finding]:
    """Syntactic findings tagged `taint-deferrable` give way where a data-flow analyzer proved
    the sink safe; where it has no opinion (no verdict) they stay."""
    if not verdicts:
        return findings
    return [f for f in findings
            if DEFERRABLE_TAG not in f.tags or not any(v.covers(f) for v in verdicts)]
