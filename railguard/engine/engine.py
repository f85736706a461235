"""The Engine: runs every enabled analyzer on one Document, then applies suppressions.

It knows nothing of LSP, git or terminals; front ends call `scan` and filter the
result by their own threshold and baseline.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from railguard.config import Config, Threshold, default_config
from railguard.engine.analyzers.base import (
    ANALYZERS,
    RULELESS,
    SafeVerdict,
    ScanContext,
    load_analyzer_class,
)
from railguard.engine.budget import AnalyzerTimeout, time_budget
from railguard.engine.document import Document
from railguard.engine.findings import assign_fingerprints
from railguard.engine.secrets.redaction import sanitize_evidence, scrub_findings
from railguard.engine.suppressions import filter_suppressed
from railguard.model import Finding, Notice, RailguardError
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


def is_binary(data: bytes) -> bool:
    return b"\0" in data[:BINARY_SNIFF]


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
    def __init__(self, config: Config | None = None, rules: RuleSet | None = None) -> None:
        self.config = config or default_config()
        self.ruleset = rules if rules is not None else load_ruleset(self.config)
        self.rules_by_id = self.ruleset.by_id()
        self._analyzers: dict[str, object] = {}
        self.load_notices: list[Notice] = [
            Notice(e.source, _without_source(str(e), e.source), "error") for e in self.ruleset.errors
        ]
        self.analyzer_errors: list[Notice] = []
        # few files to scan: compile only what they can match (cheaper start-up, slower per file)
        self.small_scan = False
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
            for err in getattr(analyzer, "errors", []):
                self.load_notices.append(Notice(err.source, _without_source(str(err), err.source), "error"))
            extra = getattr(analyzer, "extra_rules", None)  # rules an analyzer reads itself (semgrep)
            if extra:
                for rule in extra:
                    self.rules_by_id.setdefault(rule.id, rule)

    def expect_files(self, count: int) -> None:
        """Tell the engine how many files the coming scan has (it picks its start-up path)."""
        self.small_scan = count <= SMALL_SCAN_FILES

    def analyzer(self, name: str):
        a = self._analyzers.get(name)
        if a is None:
            cls = load_analyzer_class(name)
            a = cls(self.ruleset.for_analyzer(name), self.config)
            self._analyzers[name] = a
        return a

    def scan(self, document: Document, surface: str = "ci", project: dict | None = None,
             regions: tuple[tuple[int, int], ...] | None = None) -> ScanResult:
        """Scan one document. With `regions` (byte ranges), the analyzers that support it
        report only findings starting there; their names are in `result.partial`."""
        result = ScanResult()
        if len(document.data) > self.config.max_file_size:
            result.skipped = True
            result.notices.append(
                Notice(document.path, f"skipped: {len(document.data):,} bytes is over the "
                       f"max-file-size of {self.config.max_file_size:,} bytes")
            )
            return result
        if is_binary(document.data):
            result.skipped = True
            result.notices.append(Notice(document.path, "skipped: binary file"))
            return result
        context = ScanContext(self.config, str(self.config.root), surface, project if project is not None else {},
                              small_scan=self.small_scan, regions=regions)
        findings: list[Finding] = []
        budget = float(self.config.get("file-timeout"))  # per analyzer: one slow analyzer skips no other
        for name in self.analyzer_names:
            try:
                analyzer = self._analyzers.get(name)
                if analyzer is None or not analyzer.applies_to(document):
                    continue
                context.findings = findings
                with time_budget(budget):
                    findings.extend(analyzer.scan(document, context))
                if regions is not None and getattr(analyzer, "supports_regions", False):
                    result.partial.append(name)
            except AnalyzerTimeout:
                result.notices.append(Notice(document.path, f"{name} analyzer {TIMED_OUT} {budget:g} s "
                                             "(file-timeout): this file was not fully checked", "error"))
            except RailguardError as exc:
                result.notices.append(Notice(document.path, f"{name} analyzer: {exc}", "error"))
            except RecursionError:
                result.notices.append(Notice(document.path, f"{name} analyzer: input nested too deeply", "error"))
            except Exception as exc:  # one analyzer's bug must not stop the others
                where = traceback.extract_tb(exc.__traceback__)[-1]
                result.notices.append(
                    Notice(document.path, f"{name} analyzer failed: {type(exc).__name__} "
                           f"at {Path(where.filename).name}:{where.lineno}", "error")
                )
        result.notices.extend(context.notices)
        findings = drop_deferred(findings, context.verdicts)
        # redact secret values from every finding before duplicates of a secret finding are dropped
        findings = scrub_findings([self._override(f) for f in findings], document)
        findings = collapse_duplicates(sanitize_evidence(findings, document))
        kept, suppressed = filter_suppressed(findings, document)
        result.findings = assign_fingerprints(kept, document)
        result.suppressed = suppressed
        return result

    def _override(self, finding: Finding) -> Finding:
        sev = self.config.severity_override(finding.rule_id)
        return finding.with_changes(severity=sev) if sev is not None else finding


# When two analyzers report one problem (same place, a shared CWE), the more precise one stays.
# An MCP-specific secret finding (ai) says more than a generic one (secrets) at the same confidence;
# a provider's own rule (secrets, high confidence) still wins over both.
ANALYZER_PRECEDENCE = {"taint": 6, "access": 5, "ai": 4, "semgrep": 3, "secrets": 3, "query": 2, "text": 1}


def collapse_duplicates(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: drop a finding whose range overlaps another's on the same
    start line with a shared CWE, keeping the higher confidence, then the more precise analyzer."""
    if len(findings) < 2:
        return findings

    def rank(f: Finding) -> tuple[int, int, int]:
        return (int(f.confidence), ANALYZER_PRECEDENCE.get(f.analyzer, 0), int(f.severity))

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


def at_threshold(findings: list[Finding], threshold: Threshold) -> list[Finding]:
    return [f for f in findings if threshold.admits(f.severity, f.confidence)]
