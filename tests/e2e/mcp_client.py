"""Drive `railguard mcp` the way a coding agent does: the MCP SDK's own client over stdio."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from mcp import ClientSession, StdioServerParameters, types
from mcp.client.stdio import stdio_client

from tests.conftest import ROOT

TOOLS = {"scan_code", "scan_files", "scan_diff", "explain_rule"}


def server_env(extra: dict[str, str] | None = None, home: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAILGUARD_", "OTEL_"))}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    if home is not None:
        env.update({"GIT_CONFIG_GLOBAL": str(home / ".gitconfig-test"), "GIT_CONFIG_NOSYSTEM": "1"})
    env.update(extra or {})
    return env


@asynccontextmanager
async def agent_session(cwd: Path, *, roots: Sequence[Path] = (), env: dict[str, str] | None = None,
                        ) -> AsyncIterator[ClientSession]:
    """An initialized client session with `railguard mcp` started in cwd; with roots, the client
    offers them (as Claude Code and VS Code do) and the server must confine itself to them."""

    async def list_roots(_context: Any) -> types.ListRootsResult:
        return types.ListRootsResult(roots=[types.Root(uri=p.resolve().as_uri(), name=p.name) for p in roots])

    params = StdioServerParameters(command=sys.executable, args=["-m", "railguard", "mcp"], cwd=str(cwd),
                                   env=env or server_env())
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write, list_roots_callback=list_roots if roots else None) as session:
            await session.initialize()
            yield session


def dump(result: types.CallToolResult) -> str:
    """Everything the client received for one call, as text (to look for leaks)."""
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False)


def error_text(result: types.CallToolResult) -> str:
    assert result.is_error, f"expected a tool error, got {dump(result)[:500]}"
    return " ".join(c.text for c in result.content if isinstance(c, types.TextContent))
