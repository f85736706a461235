"""The commit gate: scan what is being committed, block on findings at the commit threshold,
let accountable overrides through, and fail closed when railguard cannot do its job.

Two ways in, one policy:
- under the pre-commit framework the passed file names ARE the staged content (the framework
  stashes unstaged edits first), so they are scanned from disk, project excludes applied;
- as a plain git hook (`railguard install-hook`), `--staged` reads the staged blobs from the
  index, so an unstaged edit can neither hide a finding nor add one.

Exit codes: 0 commit may proceed, 1 blocked by findings, 2 blocked because railguard could
not check (configuration, grammar, internal error) -- unless fail-open is set, which lets
the commit through and records that in the audit log.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from railguard import telemetry
from railguard.hooks.audit import AuditEvent
from railguard.hooks.output import Printer, counted, how_to_proceed
from railguard.hooks.overrides import ENV_VAR, Override, apply_overrides, parse_overrides
from railguard.model import Finding, Notice, RailguardError, describe_exception

if TYPE_CHECKING:
    from railguard.config import Config, Threshold
    from railguard.engine.engine import Engine
    from railguard.engine.workspace import ScanReport

FAIL_OPEN_ENV = "RAILGUARD_FAIL_OPEN"
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class HookOptions:
    files: tuple[str, ...] = ()
    staged: bool = False
    analyzers: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    fail_open: bool = False
    config_file: str | None = None
    severity: str | None = None
    confidence: str | None = None
    stage: str = "pre-commit"
    threshold_surface: str = "commit"
    extra_excludes: tuple[str, ...] = field(default=())


class HookFailure(Exception):
    """railguard could not check the commit; the message says why."""


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


class CommitGate:
    def __init__(self, options: HookOptions, printer: Printer | None = None, cwd: Path | None = None) -> None:
        self.options = options
        self.out = printer or Printer(sys.stdout)
        self.cwd = cwd or Path.cwd()
        self.config: Config | None = None
        self.repo: Path | None = None
        self.agent = ""  # the coding agent named by the commit's trailers (commit-msg stage)
        self.scan_seconds = 0.0

    # ------------------------------------------------------------ setup
    def load_config(self) -> Config:
        from railguard.config import load_config

        config = load_config(self.cwd, self.options.config_file)
        top = config.values.setdefault("", {})
        if self.options.analyzers:
            from railguard.engine.analyzers.base import ANALYZERS

            missing = [a for a in self.options.analyzers if a not in ANALYZERS]
            if missing:
                raise RailguardError(
                    f"analyzer {', '.join(repr(m) for m in missing)} is not available in this railguard "
                    f"(available: {', '.join(ANALYZERS)}); update railguard or change the hook's --analyzers"
                )
            top["analyzers"] = list(self.options.analyzers)
        if self.options.extra_excludes:
            top["extend-exclude"] = list(config.get("extend-exclude")) + list(self.options.extra_excludes)
        return config

    def threshold(self, surface: str) -> Threshold:
        from railguard.config import Threshold
        from railguard.model import Confidence, Severity

        assert self.config is not None
        if surface == "ai-assisted":
            raw = self.config.get("ai-assisted-threshold", "hook")
            base = Threshold(Severity.parse(raw.get("severity", "medium")),
                             Confidence.parse(raw.get("confidence", "medium")))
        else:
            base = self.config.threshold(surface)
        return Threshold(
            Severity.parse(self.options.severity) if self.options.severity else base.severity,
            Confidence.parse(self.options.confidence) if self.options.confidence else base.confidence,
        )

    def fail_open_enabled(self) -> bool:
        if self.options.fail_open or env_flag(FAIL_OPEN_ENV):
            return True
        return bool(self.config is not None and self.config.get("fail-open", "hook"))

    def audit_path(self) -> Path:
        from railguard.hooks.audit import log_path

        configured = self.config.get("audit-log", "hook") if self.config is not None else ""
        return log_path(configured, self.repo_root())

    def repo_root(self) -> Path:
        if self.repo is None:
            from railguard.hooks.git import repo_root

            try:
                self.repo = repo_root(self.cwd)
            except RailguardError:
                self.repo = self.cwd
        return self.repo

    # ------------------------------------------------------------ scanning
    def scan(self, engine: Engine) -> ScanReport:
        if self.options.staged:
            return self.scan_staged(engine)
        from railguard.engine.workspace import collect_files, scan_files

        assert self.config is not None
        files, notices = collect_files(self.options.files, self.config)
        report = scan_files(files, self.config, surface="commit", use_cache=False, engine=engine)
        report.notices = notices + report.notices
        return report

    def scan_staged(self, engine: Engine) -> ScanReport:
        from railguard.engine.document import Document
        from railguard.engine.paths import PathFilter
        from railguard.engine.workspace import (
            ScanReport,
            SourceFile,
            display_path,
            engine_project_facts,
        )
        from railguard.hooks.git import read_blobs, staged_entries

        assert self.config is not None
        repo = self.repo_root()
        entries = staged_entries(repo)
        if self.options.files:
            wanted = {display_path(Path(p), repo) for p in self.options.files}
            entries = [e for e in entries if e[0] in wanted]
        excludes = PathFilter.from_patterns(self.config.excludes)
        selected: list[tuple[str, str]] = []  # (repo-relative path, blob id)
        display: dict[str, str] = {}
        for path, oid in entries:
            disp = display_path(repo / path, self.config.root)
            if excludes and excludes.matches(disp):
                continue
            selected.append((path, oid))
            display[path] = disp
        report = ScanReport(notices=list(engine.load_notices))
        if not selected:
            return report
        engine.expect_files(len(selected))
        blobs = read_blobs(selected, repo)
        staged = {display[b.path]: b.data for b in blobs}
        # cross-file summaries come from the staged blobs too, and never from a cache
        project = engine_project_facts(engine, [SourceFile(repo / p, display[p]) for p, _ in selected],
                                       "commit", use_cache=False, read=lambda _p, disp: staged.get(disp))
        for blob in blobs:
            doc = Document(display[blob.path], blob.data)
            result = engine.scan(doc, "commit", project)
            report.findings += result.findings
            report.suppressed += result.suppressed
            report.notices += result.notices
            if not result.skipped:
                report.files += 1
                report.lines += blob.data.count(b"\n")
        report.findings.sort(key=Finding.sort_key)
        return report

    # ------------------------------------------------------------ the gate
    def run(self, surface: str | None = None) -> int:
        """Scan and decide. Every way out of here either lets the commit pass or says why not."""
        try:
            overrides = parse_overrides([*self.options.allow, os.environ.get(ENV_VAR, "")])
        except RailguardError as exc:
            self.out.headline("railguard: commit blocked: bad override")
            self.out.line(f"  {exc}")
            return EXIT_ERROR
        try:
            self.config = self.load_config()
            report = self.scan_now()
        except (RailguardError, HookFailure) as exc:
            return self.cannot_check(str(exc))
        except Exception as exc:  # an internal error must block, not wave the commit through
            return self.cannot_check(f"internal error {describe_exception(exc)}; please report it")
        errors = report.errors
        if errors:
            return self.cannot_check(errors)
        return self.decide(report, surface or self.options.threshold_surface, overrides)

    def scan_now(self) -> ScanReport:
        from railguard.engine.baseline import load_baseline
        from railguard.engine.engine import Engine

        assert self.config is not None
        started = time.monotonic()
        engine = Engine(self.config)
        self.rules = engine.rules_by_id
        report = self.scan(engine)
        self.scan_seconds = time.monotonic() - started
        baseline = self.config.get("baseline")
        if baseline:
            bp = Path(baseline)
            bp = bp if bp.is_absolute() else self.config.root / bp
            if bp.exists():
                report.findings = load_baseline(bp).new_findings(report.findings)
        return report

    def decide(self, report: ScanReport, surface: str, overrides: list[Override]) -> int:
        from railguard.engine.engine import at_threshold
        from railguard.report.text import summary_line

        blocking = at_threshold(report.findings, self.threshold(surface))
        blocking, used = apply_overrides(blocking, overrides)
        telemetry.gate_decision(self, report, surface, blocking, used)
        events: list[AuditEvent] = []
        for override, found in used.items():
            events.append(AuditEvent.from_findings("override", override.reason, found, self.options.stage,
                                                   threshold=surface))
        if blocking:
            events.append(AuditEvent.from_findings(
                "blocked", f"{counted(len(blocking), 'finding')} at the {surface} threshold", blocking,
                self.options.stage, threshold=surface))
        self.record(events, strict=bool(used) and not blocking)

        rules = getattr(self, "rules", {})
        if blocking:
            self.out.findings(blocking, rules)
            self.out.headline(f"railguard: commit blocked: {counted(len(blocking), 'finding')} at the "
                              f"{surface} threshold ({counted(report.files, 'file')} checked)")
            for hint in how_to_proceed(sorted({f.rule_id for f in blocking}), ENV_VAR):
                self.out.line(hint)
            return EXIT_FINDINGS
        for override, found in used.items():
            self.out.line(f"railguard: allowed {counted(len(found), 'finding')} of {override.rule} "
                          f"({override.reason}); recorded in the audit log")
        if report.findings and os.environ.get("RAILGUARD_VERBOSE"):
            self.out.line(summary_line(report))
        return EXIT_OK

    def cannot_check(self, problem: str | list[Notice]) -> int:
        if isinstance(problem, list):
            lines = [n.line() for n in problem[:10]] + ([f"... and {len(problem) - 10} more"] if len(problem) > 10 else [])
            reason = "; ".join(n.line() for n in problem[:3])
        else:
            lines = [problem]
            reason = problem
        telemetry.gate_failure(self, "fail-open" if self.fail_open_enabled() else "error")
        if self.fail_open_enabled():
            try:
                self.record([AuditEvent("fail-open", reason, stage=self.options.stage)], strict=True)
            except RailguardError as exc:
                self.out.headline("railguard: commit blocked: fail-open is set but cannot be recorded")
                self.out.line(f"  {exc}")
                return EXIT_ERROR
            self.out.headline("railguard: WARNING: could not check this commit; fail-open let it through "
                              "(recorded in the audit log)")
            for line in lines:
                self.out.line(f"  {line}")
            return EXIT_OK
        self.out.headline("railguard: commit blocked: railguard could not check it")
        for line in lines:
            self.out.line(f"  {line}")
        self.out.line("  fix the problem above (config, rule pack, grammar: `pip install --force-reinstall railguard`),")
        self.out.line(f"  or let this commit through unchecked, recorded in the audit log: {FAIL_OPEN_ENV}=1 git commit ...")
        return EXIT_ERROR

    def record(self, events: Sequence[AuditEvent], strict: bool) -> None:
        """Write audit entries. strict: the commit proceeds only if the record was written."""
        if not events:
            return
        from railguard.hooks.audit import record

        try:
            record(self.audit_path(), self.repo_root(), events)
        except RailguardError as exc:
            if strict:
                raise
            self.out.line(f"railguard: warning: {exc}")


def run_hook(options: HookOptions, printer: Printer | None = None) -> int:
    gate = CommitGate(options, printer)
    try:
        code = gate.run()
    except RailguardError as exc:  # an override that could not be recorded must not pass silently
        gate.out.headline("railguard: commit blocked: the override could not be recorded")
        gate.out.line(f"  {exc}")
        code = EXIT_ERROR
    gate.out.flush()
    return code


def run_commit_msg(message_file: str, options: HookOptions, printer: Printer | None = None) -> int:
    """commit-msg stage: an AI-assisted commit is checked again at the stricter threshold."""
    from dataclasses import replace

    from railguard.hooks.ai_policy import ai_markers

    gate = CommitGate(replace(options, staged=True, files=(), stage="commit-msg"), printer)
    try:
        gate.config = gate.load_config()
        message = Path(message_file).read_text("utf-8", "replace")
    except RailguardError as exc:
        return _finish(gate, gate.cannot_check(str(exc)))
    except OSError as exc:
        return _finish(gate, gate.cannot_check(f"{message_file}: cannot read the commit message: {exc.strerror}"))
    markers = ai_markers(message, gate.config.get("ai-trailers", "hook"))
    if not markers:
        return EXIT_OK
    gate.agent = markers[0].describe()
    t = gate.threshold("ai-assisted")
    gate.out.line(f"railguard: AI-assisted commit ({markers[0].describe()}): checking the staged changes at "
                  f"severity >= {t.severity.label}, confidence >= {t.confidence.label}")
    try:
        code = gate.run(surface="ai-assisted")
    except RailguardError as exc:
        gate.out.headline("railguard: commit blocked: the override could not be recorded")
        gate.out.line(f"  {exc}")
        code = EXIT_ERROR
    return _finish(gate, code)


def _finish(gate: CommitGate, code: int) -> int:
    gate.out.flush()
    return code
