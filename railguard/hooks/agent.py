"""Coding-agent hooks: read the agent's hook event (JSON on stdin), scan the file it touched,
and answer in the agent's protocol.

The shape is Claude Code's: `PostToolUse` (and `PreToolUse`) events for the Write, Edit,
MultiEdit and NotebookEdit tools carry `tool_input.file_path` (`notebook_path` for
notebooks) and the session's `cwd`. Exit code 2 with a message on stderr is fed back to the
model, which then corrects itself; exit 0 means nothing to say. Gemini CLI's `AfterTool` /
`BeforeTool` events use the same fields and exit codes; Cursor's `afterFileEdit` puts
`file_path` at the top level with `workspace_roots` (Cursor ignores the answer, so there it
only logs).

On `PreToolUse` for Write/Edit/MultiEdit the proposed content is scanned before it is
written, so exit 2 stops the write. Only findings that the file's committed (index) version
does not already have are reported: the agent answers for what it wrote, not for old code.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from railguard.model import RailguardError

EXIT_OK, EXIT_HOOK_ERROR, EXIT_FEEDBACK = 0, 1, 2
PRE_EVENTS = {"PreToolUse", "BeforeTool"}
PATH_KEYS = ("file_path", "path", "notebook_path", "filePath", "absolute_path")


@dataclass(frozen=True)
class AgentEvent:
    event: str
    tool: str
    path: Path | None
    cwd: Path
    proposed: bytes | None = None  # PreToolUse: the content the tool is about to write


def _tool_input(payload: Mapping[str, Any]) -> dict[str, Any]:
    raw = payload.get("tool_input") or payload.get("toolInput") or payload.get("tool_args") or {}
    if isinstance(raw, str):  # some agents send the arguments as a JSON string
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    return raw if isinstance(raw, dict) else {}


def parse_event(text: str, default_cwd: Path | None = None) -> AgentEvent:
    """Parse a hook event. Raises RailguardError when it is not a JSON object."""
    try:
        payload = json.loads(text) if text.strip() else {}
    except ValueError as exc:
        raise RailguardError(f"agent hook: stdin is not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(payload, dict):
        raise RailguardError("agent hook: stdin must be a JSON object (the agent's hook event)")
    tool_input = _tool_input(payload)
    roots = payload.get("workspace_roots") or []
    cwd_raw = payload.get("cwd") or (roots[0] if roots and isinstance(roots[0], str) else None)
    cwd = Path(cwd_raw) if isinstance(cwd_raw, str) and cwd_raw else (default_cwd or Path.cwd())
    raw_path = next((v for k in PATH_KEYS for v in (tool_input.get(k), payload.get(k)) if isinstance(v, str) and v),
                    None)
    path = None
    if raw_path:
        p = Path(raw_path).expanduser()
        path = p if p.is_absolute() else cwd / p
    event = str(payload.get("hook_event_name") or payload.get("hookEventName") or "")
    tool = str(payload.get("tool_name") or payload.get("toolName") or "")
    proposed = None
    if event in PRE_EVENTS and path is not None:
        proposed = proposed_content(tool, tool_input, path)
    return AgentEvent(event, tool, path, cwd, proposed)


def proposed_content(tool: str, tool_input: Mapping[str, Any], path: Path) -> bytes | None:
    """What the file will contain after a Write/Edit/MultiEdit, or None if that is unclear."""
    content = tool_input.get("content")
    if isinstance(content, str) and tool.lower() in ("write", "write_file", "writefile", "create"):
        return content.encode("utf-8")
    edits = tool_input.get("edits") if isinstance(tool_input.get("edits"), list) else [tool_input]
    if not all(isinstance(e, dict) and isinstance(e.get("old_string"), str) and isinstance(e.get("new_string"), str)
               for e in edits):
        return None
    try:
        text = path.read_text("utf-8", "surrogateescape")
    except OSError:
        text = ""
    for e in edits:
        old, new = e["old_string"], e["new_string"]
        if old and old not in text:
            return None
        text = text.replace(old, new) if e.get("replace_all") else text.replace(old, new, 1)
    return text.encode("utf-8", "surrogateescape")


def feedback_text(findings: list, rules: dict, path_label: str) -> str:
    from railguard.report.text import concise_line

    lines = [f"railguard found {len(findings)} security problem{'s' if len(findings) != 1 else ''} "
             f"in {path_label}:"]
    lines += [concise_line(f, rules.get(f.rule_id)) for f in findings]
    lines.append("Fix them in the code. If a line is intended and safe, add a comment "
                 "`railguard: ignore[<rule-id>] <reason>` on it.")
    return "\n".join(lines) + "\n"


def run_agent_hook(stdin_text: str, *, severity: str | None = None, confidence: str | None = None,
                   report_all: bool = False, config_file: str | None = None, stderr=None) -> int:
    import sys

    err = stderr or sys.stderr
    try:
        event = parse_event(stdin_text, default_cwd())
    except RailguardError as exc:
        err.write(f"railguard: {exc}\n")
        return EXIT_HOOK_ERROR
    if event.path is None:
        return EXIT_OK  # not a file event: nothing to check
    from railguard import telemetry

    try:
        findings, rules, label = scan_event(event, severity, confidence, report_all, config_file)
    except RailguardError as exc:
        telemetry.record_agent_hook(event.event, event.tool, "error", ())
        # fail closed: the agent (and its user) learn that the file went unchecked, and why
        err.write(f"railguard could not check {event.path}: {exc}\n")
        return EXIT_FEEDBACK
    telemetry.record_agent_hook(event.event, event.tool, "feedback" if findings else "ok", findings)
    if not findings:
        return EXIT_OK
    err.write(feedback_text(findings, rules, label))
    return EXIT_FEEDBACK


def scan_event(event: AgentEvent, severity: str | None, confidence: str | None, report_all: bool,
               config_file: str | None) -> tuple[list, dict, str]:
    from railguard.config import load_config
    from railguard.engine.engine import Engine
    from railguard.engine.policy import Selection
    from railguard.model import Origin, SourceFile
    from railguard.vcs import display_path

    assert event.path is not None
    config = load_config(event.path.parent if event.path.parent.exists() else event.cwd, config_file)
    label = display_path(event.path, config.root)
    engine = Engine(config)
    if event.proposed is not None:
        source = SourceFile.from_bytes(label, event.proposed, Origin.BUFFER, event.path)
    elif not event.path.exists():
        return [], {}, label  # deleted or never written
    else:
        source = SourceFile.on_disk(event.path, label)
    report = engine.scan([source], "agent", use_cache=False)
    errors = [n for n in report.notices if n.kind == "error"]
    if errors:
        raise RailguardError("; ".join(n.message for n in errors[:3]))
    threshold = engine.policy.threshold("agent", severity, confidence)
    report = engine.policy.select(report, Selection("agent", threshold, engine.policy.load_baseline()))
    findings = report.findings
    if findings and not report_all:
        findings = _new_since_index(findings, engine, event.path, label)
    return findings, engine.rules_by_id, label


def _new_since_index(findings: list, engine, path: Path, label: str) -> list:
    """Drop findings that the file's staged version already has (same fingerprint)."""
    from railguard.engine.document import Document
    from railguard.vcs import index_blob, repo_root

    try:
        repo = repo_root(path.parent)
        rel = path.resolve().relative_to(repo.resolve()).as_posix()
    except (RailguardError, ValueError, OSError):
        return findings
    old = index_blob(rel, repo)
    if old is None:
        return findings
    before = {f.fingerprint for f in engine.scan_document(Document(label, old), "agent").findings}
    return [f for f in findings if f.fingerprint not in before]


def settings_snippet(command: str = "railguard agent-hook") -> str:
    """The Claude Code settings block that runs this hook after every file edit."""
    return json.dumps({"hooks": {"PostToolUse": [{"matcher": "Write|Edit|MultiEdit",
                                                  "hooks": [{"type": "command", "command": command}]}]}},
                      indent=2) + "\n"


def default_cwd() -> Path:
    return Path(os.environ.get("CLAUDE_PROJECT_DIR") or os.getcwd())
