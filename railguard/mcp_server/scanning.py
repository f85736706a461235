"""What the MCP tools do, without the protocol: the CLI's engine, config, baseline and
thresholds, applied to buffers, files and diffs that an agent names inside its workspace.

The server is read-only: no scan cache, no audit log, no baseline is written; nothing from
the workspace is imported or executed (config, baselines and rule packs are data).
One Engine per project is kept while its config and baseline stay the same, so a call
after the first one pays only for the scan.
"""

from __future__ import annotations

import io
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from railguard import telemetry
from railguard.config import Config, Threshold, load_config
from railguard.engine.baseline import Baseline, load_baseline
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.engine.policy import PolicyStage, Selection
from railguard.mcp_server.confine import Workspace
from railguard.mcp_server.schema import (
    DiffOut,
    Policy,
    RuleOut,
    ScanOut,
    Verdict,
    finding_out,
    notice_out,
    rule_out,
)
from railguard.model import Finding, Notice, RailguardError, ScanReport
from railguard.vcs import collect_files, display_path

if TYPE_CHECKING:
    from railguard.hooks.commit import CommitGate

SURFACE = "agent"
MAX_CODE_BYTES = 2_000_000  # one buffer
MAX_PATHS = 100  # paths named in one scan_files call
MAX_FILES = 500  # files one call scans (folders expanded)
MAX_FINDINGS = 200  # findings returned in full; the counts cover all
_REF = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._/~^@{}+-]{0,199}$")

WARM_UP = (("warm.py", b"import os\nos.getcwd()\n"), ("warm.js", b"const x = require('x');\n"),
           ("warm.ts", b"const x: number = 1;\n"), ("warm.java", b"class A { void f() {} }\n"),
           ("warm.go", b"package main\nfunc main() {}\n"))

# git must not run programs named by a hostile repository's own config while the server reads it
SAFE_GIT_CONFIG = {"core.fsmonitor": "false", "diff.external": "", "core.hooksPath": os.devnull}


class ToolInputError(RailguardError):
    """A call the server refuses: too large, too many, or not what the tool takes."""


def harden_git_environment(env: dict[str, str]) -> None:
    """Override repository config that makes `git diff` run programs (GIT_CONFIG_* env)."""
    count = int(env.get("GIT_CONFIG_COUNT", "0") or 0)
    for key, value in SAFE_GIT_CONFIG.items():
        env[f"GIT_CONFIG_KEY_{count}"] = key
        env[f"GIT_CONFIG_VALUE_{count}"] = value
        count += 1
    env["GIT_CONFIG_COUNT"] = str(count)
    env["GIT_TERMINAL_PROMPT"] = "0"


@dataclass
class Project:
    """A project's config, its engine (rules loaded, queries compiled once) and its baseline."""

    config: Config
    engine: Engine
    baseline: Baseline | None
    stamp: tuple[float, ...]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1.0


def baseline_path(config: Config) -> Path | None:
    """The project's one baseline (the policy stage's path, as every front end reads it)."""
    return PolicyStage(config.policy(), config.root).baseline_path()


class Scanner:
    """The tools' engine room. Thread-safe: one scan at a time per server."""

    def __init__(self) -> None:
        self._projects: dict[Path, Project] = {}
        self._lock = threading.RLock()
        self._stop_warm_up = threading.Event()

    # ------------------------------------------------------------ projects
    def project_for(self, start: Path) -> Project:
        folder = start
        while not folder.is_dir() and folder != folder.parent:  # a file that does not exist yet
            folder = folder.parent
        config = load_config(folder)
        bp = baseline_path(config)
        stamp = (_mtime(Path(config.source)) if config.source else 0.0, _mtime(bp) if bp else 0.0)
        key = Path(config.source) if config.source else config.root
        with self._lock:
            known = self._projects.get(key)
            if known is not None and known.stamp == stamp and known.config.values == config.values:
                return known
            baseline = load_baseline(bp) if bp is not None and bp.exists() else None
            engine = Engine(config)
            project = Project(config, engine, baseline, stamp)
            self._projects[key] = project
            return project

    def warm_up(self, root: Path) -> None:
        """Load the project's rules and compile each language's query before the first call
        (the server runs this on a background thread while the client initializes)."""
        try:
            project = self.project_for(root)
            for name, text in WARM_UP:
                if self._stop_warm_up.is_set():
                    return
                with self._lock:
                    project.engine.scan_document(Document(name, text), SURFACE, small_scan=False)
        except Exception:  # noqa: BLE001 - the first real call reports what is wrong
            pass

    def stop_warm_up(self) -> None:
        """The server is closing: the warm-up starts no other language (the one it compiles
        finishes; the server waits for it, so no thread is left inside tree-sitter at exit)."""
        self._stop_warm_up.set()

    # ------------------------------------------------------------ policy
    def policy(self, project: Project, findings: list[Finding], suppressed: int, surface: str = SURFACE,
               threshold: Threshold | None = None) -> tuple[list[Finding], Policy]:
        """The surface's threshold, then the baseline: what the caller sees (same order as the CLI)."""
        threshold = threshold or project.engine.policy.threshold(surface)
        selected = project.engine.policy.select(ScanReport(findings=findings),
                                                Selection(threshold=threshold, baseline=project.baseline))
        return selected.findings, Policy(surface=surface, severity=threshold.severity.label,
                                         confidence=threshold.confidence.label,
                                         below_threshold=selected.below_threshold, baselined=selected.baselined,
                                         suppressed=suppressed)

    def _out(self, project: Project, report: ScanReport, started: float) -> ScanOut:
        kept, policy = self.policy(project, report.findings, len(report.suppressed))
        telemetry.record_scan(SURFACE, report.files, kept, time.monotonic() - started, suppressed=len(report.suppressed),
                              errors=len(report.errors), config=project.config)
        return _scan_out(kept, policy, report.files, report.notices, project.engine.rules_by_id)

    # ------------------------------------------------------------ tools
    def scan_code(self, ws: Workspace, code: str, path: str) -> ScanOut:
        started = time.monotonic()
        data = code.encode("utf-8", "replace")
        if len(data) > MAX_CODE_BYTES:
            raise ToolInputError(f"code of {len(data):,} bytes is over the limit of {MAX_CODE_BYTES:,} bytes")
        target = ws.resolve(path)  # not read, but its folder (config) must not lead out of the roots
        project = self.project_for(target)
        config = project.config
        display = display_path(target, config.root)
        if project.engine.policy.exclude_reason(display) is not None:
            _, policy = self.policy(project, [], 0)
            return _scan_out([], policy.model_copy(update={"excluded": True}), 0, [], {})
        engine = project.engine
        with self._lock:  # a long-lived engine: each language's whole query, compiled once
            result = engine.scan_document(Document(display, data), SURFACE, small_scan=False)
        report = ScanReport(findings=result.findings, suppressed=result.suppressed,
                            notices=[*engine.load_notices, *result.notices], files=0 if result.skipped else 1)
        return self._out(project, report, started)

    def scan_files(self, ws: Workspace, paths: Sequence[str]) -> ScanOut:
        started = time.monotonic()
        if not paths:
            raise ToolInputError("paths is empty: name at least one file or folder of the workspace")
        if len(paths) > MAX_PATHS:
            raise ToolInputError(f"{len(paths)} paths is over the limit of {MAX_PATHS} per call")
        targets = [ws.resolve(p) for p in paths]
        project = self.project_for(targets[0])
        report = self._scan_paths(ws, project, [str(t) for t in targets])
        return self._out(project, report, started)

    def _scan_paths(self, ws: Workspace, project: Project, paths: list[str]) -> ScanReport:
        files, notices = collect_files(paths, project.config)
        inside = [sf for sf in files if sf.location is not None and ws.contains(sf.location)]
        notices += [Notice(sf.path, "skipped: a symbolic link leads outside the workspace roots")
                    for sf in files if sf not in inside]
        if len(inside) > MAX_FILES:
            raise ToolInputError(f"{len(inside):,} files is over the limit of {MAX_FILES} per call; "
                                 "name narrower folders or files")
        with self._lock:
            # serial and without the cache: the server writes nothing and forks nothing
            report = project.engine.scan(inside, SURFACE, jobs=1, use_cache=False)
        report.notices = notices + report.notices
        return report

    def scan_diff(self, ws: Workspace, staged: bool = True, base: str | None = None) -> DiffOut:
        from railguard.vcs import repo_root

        root = ws.roots[0]
        try:
            repo = repo_root(root).resolve()
        except RailguardError:
            raise ToolInputError(f"{root} is not inside a git repository: scan_diff needs one") from None
        project = self.project_for(root)
        started = time.monotonic()
        if staged and base is None:
            return self._staged(ws, project, repo, started)
        return self._since(ws, project, repo, _checked_ref(base or "HEAD"), started)

    def _staged(self, ws: Workspace, project: Project, repo: Path, started: float) -> DiffOut:
        """The index, as the commit gate reads it (staged blobs, not the work tree); only the
        files inside the workspace roots."""
        from railguard.vcs import staged_entries

        inside = [str(repo / p) for p, _ in staged_entries(repo) if ws.contains(repo / p)]
        if len(inside) > MAX_FILES:
            raise ToolInputError(f"{len(inside):,} staged files is over the limit of {MAX_FILES} per call")
        gate = _gate(repo, project, staged=True, files=tuple(inside))
        gate.config = gate.load_config()  # the config the commit holds, as the hook reads it
        engine = project.engine if gate.config.values == project.config.values else Engine(gate.config)
        report = ScanReport()
        if inside:
            with self._lock:
                report = gate.scan(gate.config, engine)
        changed = [display_path(Path(p), project.config.root) for p in inside]
        return self._diff_out(project, report, gate, "staged", changed, started)

    def _since(self, ws: Workspace, project: Project, repo: Path, base: str, started: float) -> DiffOut:
        from railguard.engine.policy import on_changed_lines
        from railguard.vcs import changed_lines, changed_lines_under

        changed = sorted(p for p in changed_lines(base, repo) if (repo / p).is_file() and ws.contains(repo / p))
        report = self._scan_paths(ws, project, [str(repo / p) for p in changed]) if changed else ScanReport()
        report.findings = on_changed_lines(report.findings, changed_lines_under(base, project.config.root))
        gate = _gate(repo, project)
        shown = [display_path(repo / p, project.config.root) for p in changed]
        return self._diff_out(project, report, gate, f"since {base}", shown, started)

    def _diff_out(self, project: Project, report: ScanReport, gate: CommitGate, scope: str, changed: list[str],
                  started: float) -> DiffOut:
        return DiffOut(scope=scope, changed_files=changed, scan=self._out(project, report, started),
                       verdict=self.verdict(project, report, gate),
                       ai_assisted=self.verdict(project, report, gate, "ai-assisted"))

    def verdict(self, project: Project, report: ScanReport, gate: CommitGate, surface: str = "commit") -> Verdict:
        """The commit gate's decision on these changes, decided as the gate decides it (threshold,
        baseline, RAILGUARD_ALLOW), without writing the audit log. surface "ai-assisted": the
        commit-msg stage's decision for a commit whose message carries an AI trailer."""
        from railguard.hooks.overrides import ENV_VAR, apply_overrides, parse_overrides

        threshold = gate.threshold(gate.config or project.config, surface)
        label = f"severity >= {threshold.severity.label}, confidence >= {threshold.confidence.label}"
        rules = project.engine.rules_by_id
        errors = report.errors
        if errors:
            why = "; ".join(n.line() for n in errors[:3])
            open_ = " (fail-open is set: the gate would let it through, recorded)" if gate.fail_open_enabled() else ""
            return Verdict(decision="error", threshold=label, blocking=[], allowed_by_override=[],
                           reason=f"railguard could not check these changes: {why}{open_}")
        kept, _ = self.policy(project, report.findings, 0, surface="commit", threshold=threshold)
        try:
            overrides = parse_overrides([os.environ.get(ENV_VAR, "")])
        except RailguardError as exc:
            return Verdict(decision="error", threshold=label, blocking=[], allowed_by_override=[], reason=str(exc))
        blocking, used = apply_overrides(kept, overrides)
        allowed = sorted({f.rule_id for found in used.values() for f in found})
        if blocking:
            reason = (f"the commit would be blocked: {len(blocking)} finding{'s' if len(blocking) != 1 else ''} "
                      f"at the {surface} threshold; fix them, or suppress a safe line with "
                      f"`railguard: ignore[<rule-id>] <reason>`")
            return Verdict(decision="blocked", threshold=label, blocking=[finding_out(f, rules) for f in
                           blocking[:MAX_FINDINGS]], allowed_by_override=allowed, reason=reason)
        return Verdict(decision="pass", threshold=label, blocking=[], allowed_by_override=allowed,
                       reason=f"nothing at the {surface} threshold" + (f" (allowed: {', '.join(allowed)})" if allowed else ""))

    def explain_rule(self, ws: Workspace, rule_id: str) -> RuleOut:
        rules = self.project_for(ws.roots[0]).engine.rules_by_id
        rule = rules.get(rule_id.strip()) if isinstance(rule_id, str) else None
        if rule is None:
            close = sorted(r for r in rules if isinstance(rule_id, str) and rule_id.strip() and rule_id.strip() in r)
            hint = f"; did you mean: {', '.join(close[:5])}" if close else " (ids look like python.yaml-load)"
            raise ToolInputError(f"no rule {str(rule_id)[:100]!r}{hint}")
        return rule_out(rule)


def _checked_ref(base: str) -> str:
    """A git revision as a ref name or expression, never an option (`--output=...`)."""
    if not isinstance(base, str) or not _REF.match(base) or ".." in base:
        raise ToolInputError(f"base {str(base)[:80]!r} is not a git revision (e.g. HEAD, main, origin/main, HEAD~3)")
    return base


def _scan_out(findings: list[Finding], policy: Policy, files: int, notices: list[Notice], rules: dict) -> ScanOut:
    shown = [notice_out(n) for n in notices]
    if len(findings) > MAX_FINDINGS:
        shown.append(notice_out(Notice("<result>", f"{len(findings) - MAX_FINDINGS} more findings not shown "
                                       f"(the first {MAX_FINDINGS} are); scan fewer files at a time", "warning")))
    return ScanOut(findings=[finding_out(f, rules) for f in findings[:MAX_FINDINGS]],
                   by_severity=dict(Counter(f.severity.label for f in findings)), files=files,
                   policy=policy, complete=not any(n.kind == "error" for n in notices), notices=shown)


def _gate(repo: Path, project: Project, **options) -> CommitGate:
    """The commit gate of this project, its output kept off stdout (the protocol's channel)."""
    from railguard.hooks.commit import CommitGate, HookOptions
    from railguard.hooks.output import Printer

    gate = CommitGate(HookOptions(**options), Printer(io.StringIO(), color=False), cwd=repo)
    gate.config = project.config
    return gate
