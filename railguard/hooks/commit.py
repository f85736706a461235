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

from railguard.hooks import gate_telemetry
from railguard.hooks.output import Printer, counted, how_to_proceed
from railguard.hooks.overrides import ENV_VAR, Override, apply_overrides, parse_overrides
from railguard.model import Finding, Notice, RailguardError, describe_exception

if TYPE_CHECKING:
    from railguard.config import Config, Threshold
    from railguard.engine.engine import Engine
    from railguard.hooks.audit import AuditEvent
    from railguard.hooks.staged import IndexView
    from railguard.model import ScanReport, SourceFile

FAIL_OPEN_ENV = "RAILGUARD_FAIL_OPEN"
ALLOW_TIMEOUT_ENV = "RAILGUARD_ALLOW_TIMEOUT"
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
    allow_timeout: bool = False  # a file whose analysis timed out does not block (audited)
    accept_weakened_config: bool = False  # policy.config-weakens-guardrail not reported (audited)


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
        self._view: IndexView | None = None
        self._no_repo = False
        self.weakening: list[Finding] = []

    # ------------------------------------------------------------ setup
    def index_view(self) -> IndexView | None:
        """The index of the repository being committed to (None outside a git repository)."""
        if self._view is None and not self._no_repo:
            from railguard.hooks.staged import IndexView

            try:
                from railguard.hooks.git import repo_root

                self._view = IndexView(repo_root(self.cwd))
            except RailguardError:
                self._no_repo = True
        return self._view

    def load_config(self) -> Config:
        from railguard.config import load_config

        view = self.index_view()
        if view is not None:  # the config the commit holds, not an untracked or unstaged one
            from railguard.hooks.staged import staged_config

            config = staged_config(view, self.cwd, self.options.config_file)
        else:
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
    def staged_ahead(self) -> StagedAhead | None:
        """With --staged: git's list of the staged files, asked for in a thread now, so that git
        runs while the engine loads (StagedAhead). None without --staged."""
        if not self.options.staged:
            return None
        view = self.index_view()
        return StagedAhead(view.repo if view is not None else self.cwd.resolve())

    def scan(self, config: Config, engine: Engine, staged: StagedAhead | None = None) -> ScanReport:
        """Scan what the commit holds: with --staged every staged file, else the files passed (as
        the pre-commit framework passes them), each read from the index when git tracks it.
        `staged`: the staged entries asked for ahead (staged_ahead)."""
        from railguard.model import Origin, ScanReport, SourceFile
        from railguard.vcs import display_path, index_entries, read_blobs, staged_entries

        view = self.index_view()
        repo = view.repo if view is not None else self.cwd.resolve()
        problems = ScanReport()
        wanted = [display_path(Path(p), repo) for p in self.options.files]
        if self.options.staged:
            entries = staged.entries() if staged is not None else staged_entries(repo)
            if wanted:
                entries = [e for e in entries if e[0] in set(wanted)]
            on_disk: list[str] = []
        else:
            tracked = index_entries(wanted, repo) if view is not None else {}
            entries = [(p, tracked[p]) for p in wanted if p in tracked]
            on_disk = [p for p in wanted if p not in tracked]  # not in git: as the caller gave them

        def source(path: str, data: bytes, origin: Origin) -> SourceFile:
            return SourceFile.from_bytes(display_path(repo / path, config.root), data, origin, repo / path)

        # excluded paths are not even read: the policy stage decides by name first
        def included(path: str) -> bool:
            return engine.policy.exclude_reason(display_path(repo / path, config.root)) is None

        sources = [source(b.path, b.data, Origin.INDEX)
                   for b in read_blobs([e for e in entries if included(e[0])], repo)]
        for path in on_disk:
            if included(path) and (data := _read_regular_file(repo / path, repo, problems)) is not None:
                sources.append(source(path, data, Origin.DISK))
        by_display = {sf.path: sf.data for sf in sources}

        def read(path: Path, disp: str) -> bytes | None:
            if disp in by_display:
                return by_display[disp]
            if view is not None:
                return view.read(path)
            return _read_regular_file(path, repo, problems) if path.is_file() else None

        # project facts (cross-file summaries, baselines) from the same contents, never from a cache
        report = engine.scan(sources, "commit", use_cache=False, read=read) if sources else \
            ScanReport(notices=list(engine.load_notices))
        report.notices = problems.notices + report.notices
        return report

    def baseline(self, config: Config, engine: Engine):  # noqa: ANN201 - Baseline | None
        """The project's one baseline (the policy's path), as staged when it is in the repository."""
        from railguard.engine.baseline import load_baseline

        path = engine.policy.baseline_path()
        view = self.index_view()
        if view is not None and view.relative(path) is not None:  # the baseline as staged
            data = view.read(path)
            return load_baseline(path, data) if data is not None else None
        return engine.policy.load_baseline()

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
            self.config = config = self.load_config()
            report, rules = self.scan_now(config, surface)
        except (RailguardError, HookFailure) as exc:
            return self.cannot_check(str(exc))
        except Exception as exc:  # an internal error must block, not wave the commit through
            return self.cannot_check(f"internal error {describe_exception(exc)}; please report it")
        self.show_notes(report)
        errors = report.errors
        try:
            errors = self.accept_timeouts(errors)
        except RailguardError as exc:
            return self.cannot_check(str(exc))
        if errors:
            return self.cannot_check(errors)
        return self.decide(report, surface, overrides, rules)

    def scan_now(self, config: Config, surface: str) -> tuple[ScanReport, dict]:
        """Scan, then the policy stage: the project's one baseline and the surface's threshold."""
        from railguard.engine.engine import Engine
        from railguard.engine.policy import Selection

        started = time.monotonic()
        staged = self.staged_ahead()
        try:
            engine = Engine(config)
        except BaseException:
            if staged is not None:
                staged.wait()  # no git left running behind the error
            raise
        report = self.scan(config, engine, staged)
        self.scan_seconds = time.monotonic() - started
        selection = Selection(threshold=self.threshold(config, surface), baseline=self.baseline(config, engine))
        report = engine.policy.select(report, selection)
        self.weakening = self.judge_config(config, engine, report, selection.threshold)
        self.list_added_suppressions(config, report)
        return report, engine.rules_by_id

    def list_added_suppressions(self, config: Config, report: ScanReport) -> None:
        """Suppressions this commit adds are listed and recorded: silencing a finding is a
        decision a reviewer and the audit log should see, like an override."""
        view = self.index_view()
        if view is None or not report.suppressed:
            return
        from railguard.vcs import display_path, staged_lines

        added = {display_path(view.repo / p, config.root): lines
                 for p, lines in staged_lines(view.repo).items()}
        new = [f for f in report.suppressed
               if f.line in added.get(f.path, ()) or (f.line - 1) in added.get(f.path, ())]
        if not new:
            return
        for f in new:
            self.out.line(f"railguard: note: suppression added: {f.path}:{f.line} {f.rule_id} "
                          f"({f.suppression or 'suppressed in source'})")
        reason = "; ".join(f"{f.path}:{f.line} {f.rule_id}: {f.suppression}" for f in new[:20])
        self.record([self.event("suppressions-added", reason, new)], strict=False)

    def judge_config(self, config: Config, engine: Engine, report: ScanReport, threshold: Threshold) -> list[Finding]:
        """policy.config-weakens-guardrail for the staged config, after everything that config
        controls (rules, excludes, overrides, baseline); accepted only by the user, audited."""
        assert self.config is not None
        if not self.config.source:  # no config file: nothing to judge
            return []
        from railguard.engine import guardrail

        view = self.index_view()
        found = guardrail.config_findings(config, engine, view.read if view is not None else None)
        report.findings = [f for f in report.findings if f.rule_id != guardrail.RULE_ID]
        if not found:
            return []
        why = guardrail.accepted_by_user(self.options.accept_weakened_config)
        if why:
            self.record([self.event("weakened-config-accepted", why, found)], strict=True)
            self.out.line(f"railguard: WARNING: {counted(len(found), 'weakening setting')} of the config "
                          f"accepted ({why}); recorded in the audit log")
            return []
        # the config cannot raise the bar for the finding that judges it: the threshold is the default's
        weakening = guardrail.at_default_threshold(found, "commit")
        shown = [f for f in found if f in weakening or threshold.admits_finding(f)]
        report.findings = sorted(report.findings + shown, key=Finding.sort_key)
        return weakening

    def accept_timeouts(self, errors: list[Notice]) -> list[Notice]:
        """Timeouts block like any other failure to check, unless the user accepted them (the
        --allow-timeout flag, RAILGUARD_ALLOW_TIMEOUT=1 or the user-level config; never the
        repository's config). Accepted ones are recorded in the audit log first."""
        from railguard.engine.engine import TIMED_OUT

        timeouts = [n for n in errors if TIMED_OUT in n.message]
        if not timeouts or not self.timeouts_allowed():
            return errors
        reason = "; ".join(n.line() for n in timeouts[:5])
        self.record([self.event("timeout-accepted", reason)], strict=True)
        for n in timeouts:
            self.out.line(f"railguard: WARNING: accepted (allow-timeout, recorded in the audit log): {n.line()}")
        return [n for n in errors if n not in timeouts]

    def timeouts_allowed(self) -> bool:
        if self.options.allow_timeout or env_flag(ALLOW_TIMEOUT_ENV):
            return True
        from railguard.userconfig import load_user_config

        return load_user_config().allow_timeout

    def show_notes(self, report: ScanReport) -> None:
        """Say what the gate did not read as the work tree has it (untracked or unstaged config and
        baselines) and which files it did not scan (too large, binary): nothing is left out silently."""
        view = self._view
        notes = list(view.notices) if view is not None else []
        notes += [n for n in report.notices if n.kind != "error" and n.message.startswith("skipped")]
        for note in dict.fromkeys(notes):
            self.out.line(f"railguard: note: {note.line()}")

    def decide(self, report: ScanReport, surface: str, overrides: list[Override], rules: dict) -> int:
        from railguard.report.text import summary_line

        blocking, used = apply_overrides(report.findings, overrides)  # weakening findings included
        gate_telemetry.gate_decision(self, report, surface, blocking, used)
        events = [self.event("override", override.reason, found, threshold=surface) for override, found in used.items()]
        if blocking:
            events.append(self.event("blocked", f"{counted(len(blocking), 'finding')} at the {surface} threshold",
                                     blocking, threshold=surface))
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
        gate_telemetry.gate_failure(self, "fail-open" if self.fail_open_enabled() else "error")
        if self.fail_open_enabled():
            try:
                self.record([self.event("fail-open", reason)], strict=True)
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

    def event(self, kind: str, reason: str, findings: Sequence[Finding] | None = None, **extra: str) -> AuditEvent:
        """An audit-log entry of this commit's stage (with the fingerprints of `findings`). The audit
        module is imported here: a commit that passes without an override records nothing."""
        from railguard.hooks.audit import AuditEvent

        if findings is None:
            return AuditEvent(kind, reason, stage=self.options.stage)
        return AuditEvent.from_findings(kind, reason, findings, self.options.stage, **extra)

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


class StagedAhead:
    """`staged_entries(repo)` run in a thread from now on; `entries()` waits for its answer and
    returns it, or raises what it raised."""

    def __init__(self, repo: Path) -> None:
        import threading

        from railguard.vcs import staged_entries

        self._answer: list[tuple[str, str]] = []
        self._error: BaseException | None = None

        def ask() -> None:
            try:
                self._answer = staged_entries(repo)
            except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread, by entries()
                self._error = exc

        self._thread = threading.Thread(target=ask, name="railguard-staged-entries", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        self._thread.join()

    def entries(self) -> list[tuple[str, str]]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._answer


def _read_regular_file(path: Path, repo: Path, report: ScanReport) -> bytes | None:  # report: for notices
    """A file that git does not track, read as given; never through a link that leaves the repository."""
    from railguard.userdirs import is_inside

    if not is_inside(path, (repo,)):
        report.notices.append(Notice(path.as_posix(), "skipped: a symbolic link out of the repository", "warning"))
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        report.notices.append(Notice(path.as_posix(), f"cannot read: {exc.strerror}", "error"))
        return None


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
