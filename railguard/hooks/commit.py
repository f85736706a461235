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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from railguard.hooks.audit import AuditEvent
from railguard.hooks.output import Printer, counted, how_to_proceed
from railguard.hooks.overrides import ENV_VAR, Override, apply_overrides, parse_overrides
from railguard.model import Notice, RailguardError, describe_exception

if TYPE_CHECKING:
    from railguard.config import Config, Threshold
    from railguard.engine.engine import Engine
    from railguard.model import ScanReport

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

    # ------------------------------------------------------------ setup
    def load_config(self) -> Config:
        from railguard.config import load_config

        config = load_config(self.cwd, self.options.config_file)
        if self.options.analyzers:
            from railguard.engine.analyzers.base import ANALYZERS

            missing = [a for a in self.options.analyzers if a not in ANALYZERS]
            if missing:
                raise RailguardError(
                    f"analyzer {', '.join(repr(m) for m in missing)} is not available in this railguard "
                    f"(available: {', '.join(ANALYZERS)}); update railguard or change the hook's --analyzers"
                )
            config = config.with_values(analyzers=list(self.options.analyzers))
        if self.options.extra_excludes:
            config = config.with_values(extend_exclude=list(config.get("extend-exclude"))
                                        + list(self.options.extra_excludes))
        return config

    def threshold(self, config: Config, surface: str) -> Threshold:
        """The surface's threshold (the policy's), with the hook's --severity/--confidence."""
        return config.policy().thresholds.for_surface(surface).with_overrides(self.options.severity,
                                                                               self.options.confidence)

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
    def scan(self, config: Config, engine: Engine) -> ScanReport:
        """Scan what is being committed: the staged blobs (`--staged`), or the files the
        pre-commit framework passed (they are the staged content). One engine call either way."""
        from railguard.model import SourceFile
        from railguard.vcs import collect_files, staged_sources

        notices: list[Notice] = []
        sources: list[SourceFile]
        if self.options.staged:
            sources = staged_sources(self.repo_root(), config.root, self.options.files)
        else:
            sources, notices = collect_files(self.options.files, config, engine.policy)
        report = engine.scan(sources, "commit", use_cache=False)
        report.notices = notices + report.notices
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
        surface = surface or self.options.threshold_surface
        try:
            from railguard.engine.engine import Engine
            from railguard.engine.policy import Selection

            self.config = config = self.load_config()
            engine = Engine(config)
            report = self.scan(config, engine)
            # the policy stage decides: the project's one baseline, then the surface's threshold
            report = engine.policy.select(report, Selection(threshold=self.threshold(config, surface),
                                                            baseline=engine.policy.load_baseline()))
        except (RailguardError, HookFailure) as exc:
            return self.cannot_check(str(exc))
        except Exception as exc:  # an internal error must block, not wave the commit through
            return self.cannot_check(f"internal error {describe_exception(exc)}; please report it")
        errors = report.errors
        if errors:
            return self.cannot_check(errors)
        return self.decide(report, surface, overrides, engine.rules_by_id)

    def decide(self, report: ScanReport, surface: str, overrides: list[Override], rules: dict) -> int:
        from railguard.report.text import summary_line

        blocking, used = apply_overrides(report.findings, overrides)
        events: list[AuditEvent] = []
        for override, found in used.items():
            events.append(AuditEvent.from_findings("override", override.reason, found, self.options.stage,
                                                   threshold=surface))
        if blocking:
            events.append(AuditEvent.from_findings(
                "blocked", f"{counted(len(blocking), 'finding')} at the {surface} threshold", blocking,
                self.options.stage, threshold=surface))
        self.record(events, strict=bool(used) and not blocking)

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
        if (report.findings or report.below_threshold) and os.environ.get("RAILGUARD_VERBOSE"):
            self.out.line(summary_line(report))
        return EXIT_OK

    def cannot_check(self, problem: str | list[Notice]) -> int:
        if isinstance(problem, list):
            lines = [n.line() for n in problem[:10]] + ([f"... and {len(problem) - 10} more"] if len(problem) > 10 else [])
            reason = "; ".join(n.line() for n in problem[:3])
        else:
            lines = [problem]
            reason = problem
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
    t = gate.threshold(gate.config, "ai-assisted")
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
