"""`railguard mcp`: the guardrail as Model Context Protocol tools, over stdio, on the official SDK.

The tools are thin: each one finds the workspace roots, then calls the Scanner (the same
engine, config, baseline and thresholds as the CLI, on the `agent` surface) on a worker
thread. Every refusal and failure is a tool error (`isError`), so the server keeps serving;
an unexpected error is described by its type and place only, never its message, which
could quote a scanned secret.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field

from railguard import __version__, telemetry
from railguard.mcp_server.confine import Workspace, roots_from_uris
from railguard.mcp_server.scanning import Scanner, harden_git_environment
from railguard.mcp_server.schema import DiffOut, RuleOut, ScanOut
from railguard.model import RailguardError, describe_exception

T = TypeVar("T")

INSTRUCTIONS = """\
railguard is a security guardrail for code you write: insecure patterns (injection, unsafe
deserialisation, disabled TLS checks, weak crypto), leaked secrets, web routes without access
checks and unsafe agent configuration. Call scan_code on a file you are about to write, and
scan_diff before you commit: its verdict is what the project's commit hook will decide. Fix
what it reports; explain_rule says why a rule fires and what to use instead. Findings at the
project's `agent` threshold are returned; secrets only appear redacted."""

READ_ONLY = ToolAnnotations(readOnlyHint=True, destructiveHint=False, idempotentHint=True, openWorldHint=False)


class QuietArgumentErrors:
    """Rewrites the SDK's argument-validation errors without the arguments' values: pydantic
    quotes the start of the input (`input_value=...`), which may be a secret in `code`."""

    async def __call__(self, ctx: Any, call_next: Any) -> Any:
        result = await call_next(ctx)
        if ctx.method != "tools/call" or not isinstance(result, dict) or result.get("isError") is not True:
            return result  # the chain's result is the wire form (a dict, camelCase keys)
        content = result.get("content") or []
        first = content[0] if content and isinstance(content[0], dict) else {}
        text = first.get("text")
        if isinstance(text, str) and "validation error" in text:
            return {**result, "content": [{"type": "text", "text": without_values(text)}]}
        return result


def without_values(message: str) -> str:
    """A pydantic error report, keeping the fields and what is wrong, not the values."""
    kept: list[str] = []
    for line in message.splitlines():
        if line.startswith("    For further information"):
            continue
        if line.startswith("  ") and " [type=" in line:
            text, _, rest = line.partition(" [type=")
            line = f"{text} ({rest.split(',', 1)[0].rstrip(']')})"
        kept.append(line)
    return "\n".join(kept)


async def workspace_of(ctx: Context | None, fallback: tuple[Path, ...] = ()) -> Workspace:
    """The client's roots (file:// folders), else `--root` folders, else the working directory."""
    if ctx is not None:
        try:
            caps = ctx.client_capabilities
            if caps is not None and caps.roots is not None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # roots are deprecated in the newest protocol version
                    listed = await ctx.session.list_roots()
                roots = roots_from_uris(str(r.uri) for r in listed.roots)
                if roots:
                    return Workspace.of(roots)
        except Exception:  # noqa: BLE001 - a client that cannot list roots gets the working directory
            pass
    return Workspace.of(fallback or [Path.cwd()])


async def run_tool(name: str, ctx: Context | None, work: Callable[[Workspace], T], fallback: tuple[Path, ...] = (),
                   ) -> T:
    """Run one tool's work off the event loop; refusals and failures become tool errors."""
    started = time.monotonic()
    outcome = "ok"
    try:
        ws = await workspace_of(ctx, fallback)
        return await anyio.to_thread.run_sync(work, ws)
    except RailguardError as exc:
        outcome = "refused"
        raise ToolError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - never the message: it may quote a scanned secret
        outcome = "error"
        raise ToolError(f"internal error {describe_exception(exc)}; the server keeps serving") from None
    finally:
        telemetry.record_tool_call(name, outcome, time.monotonic() - started)


def build_server(scanner: Scanner | None = None, roots: tuple[Path, ...] = ()) -> MCPServer:
    """The server and its tools; `roots` are the workspace when the client offers none."""
    scanner = scanner or Scanner()
    app: MCPServer = MCPServer("railguard", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING",
                               middleware=[QuietArgumentErrors()])

    @app.tool(annotations=READ_ONLY, structured_output=True)
    async def scan_code(
        code: Annotated[str, Field(description="the file's full text, as it would be written")],
        path: Annotated[str, Field(description="where the file is or will be, relative to the workspace root; "
                                               "its extension selects the language")],
        ctx: Context,
    ) -> ScanOut:
        """Scan a buffer as if it were the file at `path` (nothing is read or written). Returns the
        findings at the project's agent threshold, each with rule id, severity, confidence, CWE,
        place, message, fix and redacted evidence."""
        return await run_tool("scan_code", ctx, lambda ws: scanner.scan_code(ws, code, path), roots)

    @app.tool(annotations=READ_ONLY, structured_output=True)
    async def scan_files(
        paths: Annotated[list[str], Field(description="files or folders of the workspace (relative to its root)")],
        ctx: Context,
    ) -> ScanOut:
        """Scan files and folders of the workspace as they are on disk (folders: git's file list,
        .gitignore and the project's excludes honoured)."""
        return await run_tool("scan_files", ctx, lambda ws: scanner.scan_files(ws, paths), roots)

    @app.tool(annotations=READ_ONLY, structured_output=True)
    async def scan_diff(
        ctx: Context,
        staged: Annotated[bool, Field(description="true: the staged changes (what `git commit` would commit)")] = True,
        base: Annotated[str | None, Field(description="a git revision: scan the lines changed since it "
                                                      "(work tree, untracked files too) instead")] = None,
    ) -> DiffOut:
        """Scan the changes about to be committed and return the commit gate's verdict (pass,
        blocked, or error), decided with the project's commit threshold, baseline and overrides,
        exactly as the pre-commit hook will decide it."""
        return await run_tool("scan_diff", ctx, lambda ws: scanner.scan_diff(ws, staged, base), roots)

    @app.tool(annotations=READ_ONLY, structured_output=True)
    async def explain_rule(
        rule_id: Annotated[str, Field(description="a rule id from a finding, e.g. python.yaml-load")],
        ctx: Context,
    ) -> RuleOut:
        """A rule's documentation: what it finds, why it is a problem, an example, what to use
        instead, references."""
        return await run_tool("explain_rule", ctx, lambda ws: scanner.explain_rule(ws, rule_id), roots)

    return app


def _workspace_config(root: Path):
    from railguard.config import load_config

    try:
        return load_config(root)
    except RailguardError:
        return None  # reported by the first tool call that needs the config


def serve(roots: list[str] | tuple[str, ...] = ()) -> int:
    """Serve on stdin/stdout until the client closes the connection."""
    folders = tuple(Path(r).expanduser().resolve() for r in roots)
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        raise RailguardError(f"--root {missing[0]}: not a folder")
    harden_git_environment(os.environ)  # type: ignore[arg-type]
    telemetry.ensure(_workspace_config(folders[0] if folders else Path.cwd()))
    scanner = Scanner()
    warm = threading.Thread(target=scanner.warm_up, args=(folders[0] if folders else Path.cwd(),), daemon=True)
    warm.start()
    try:
        build_server(scanner, roots=folders).run()
    finally:
        # a client that closes at once must not leave the warm-up inside tree-sitter while the
        # interpreter shuts down (that aborts the process)
        scanner.stop_warm_up()
        warm.join(timeout=60)
        telemetry.shutdown()
    _exit_without_finalization(0)
    return 0  # not reached


def _exit_without_finalization(code: int) -> None:
    """The client closed the connection and everything is shut down: leave without the
    interpreter's finalization. The SDK's stdio transport can still have a worker thread parked
    in a read of stdin holding its buffer's lock; finalization would then try to close stdin and
    abort the process (SIGABRT, "could not acquire lock for <stdin>"), a known CPython trap."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe: nothing left to say
    os._exit(code)


