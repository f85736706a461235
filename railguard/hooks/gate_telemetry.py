"""The commit gate's decisions as telemetry (railguard/telemetry.py): its scan, the
suppressions a commit adds, the decision, what overrode it and the agent behind the commit.
Every function returns at once when telemetry is off."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from railguard import telemetry
from railguard.hooks.overrides import ENV_VAR, parse_overrides
from railguard.model import Finding, RailguardError

if TYPE_CHECKING:
    from railguard.hooks.commit import CommitGate
    from railguard.hooks.overrides import Override
    from railguard.model import ScanReport

# Coding agents that mark the shell commands they run (a commit made by the agent carries them)
AGENT_ENV = (("CLAUDECODE", "claude-code"), ("GEMINI_CLI", "gemini-cli"), ("CODEX_SANDBOX", "codex"))


def agent_from_env(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return next((name for var, name in AGENT_ENV if env.get(var, "").strip()), "")


def gate_decision(gate: CommitGate, report: ScanReport, surface: str, blocking: list[Finding],
                  used: Mapping[Override, list[Finding]]) -> None:
    """The commit gate decided: its scan, the suppressions the commit adds, the decision and
    who overrode it."""
    if not telemetry.ensure(gate.config):
        return
    stage = gate.options.stage
    telemetry.record_scan("commit", report.files, report.findings, gate.scan_seconds,
                          suppressed=len(report.suppressed), errors=len(report.errors), config=gate.config)
    if report.suppressed and gate.options.staged:
        telemetry.record_suppressions(_added(gate, report.suppressed), surface="commit", config=gate.config)
    overridden = [f.rule_id for found in used.values() for f in found]
    by = ""
    if used:
        flagged = {o.rule for o in _parse(gate.options.allow)}
        by = "--allow" if all(o.rule in flagged for o in used) else ENV_VAR
    agent, source = (gate.agent, "trailer") if gate.agent else (agent_from_env(), "environment")
    telemetry.record_gate("blocked" if blocking else "passed", stage=stage, threshold=surface, blocking=blocking,
                          overridden=overridden, override_by=by, agent=agent,
                          agent_source=source if agent else "", config=gate.config)


def gate_failure(gate: CommitGate, decision: str) -> None:
    """The gate could not check: 'error' (blocked) or 'fail-open' (let through, recorded)."""
    if not telemetry.ensure(gate.config):
        return
    by = ""
    if decision == "fail-open":
        by = "--fail-open" if gate.options.fail_open else (
            "RAILGUARD_FAIL_OPEN" if os.environ.get("RAILGUARD_FAIL_OPEN") else "config")
    agent, source = (gate.agent, "trailer") if gate.agent else (agent_from_env(), "environment")
    telemetry.record_gate(decision, stage=gate.options.stage, threshold="", override_by=by, agent=agent,
                          agent_source=source if agent else "", config=gate.config)


def _parse(values: Iterable[str]) -> list[Override]:
    try:
        return parse_overrides(values)
    except RailguardError:
        return []


def _added(gate: CommitGate, suppressed: list[Finding]) -> list[Finding]:
    """The suppressed findings whose suppression comment the index adds (on the line or above it)."""
    from pathlib import Path

    from railguard.hooks.git import staged_lines

    try:
        repo = gate.repo_root().resolve()
        lines = staged_lines(repo)
        offset = Path(gate.config.root).resolve().relative_to(repo).as_posix()
    except (RailguardError, ValueError, OSError):
        return []
    added = []
    for f in suppressed:
        changed = lines.get(f"{offset}/{f.path}" if offset not in ("", ".") else f.path, set())
        if f.line in changed or f.line - 1 in changed:
            added.append(f)
    return added
