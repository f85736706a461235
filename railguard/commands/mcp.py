"""`railguard mcp`: the guardrail as MCP tools for coding agents, over stdio (the `mcp` extra)."""

from __future__ import annotations

import argparse
import sys

MISSING_EXTRA = "railguard mcp needs the 'mcp' extra: pip install 'railguard[mcp]'"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only transport)")
    p.add_argument("--root", action="append", default=[], metavar="DIR",
                   help="workspace root when the client offers none (default: the working directory); "
                   "the tools read nothing outside the roots")


def run(args: argparse.Namespace) -> int:
    try:
        from railguard.mcp_server.server import serve  # the SDK: only on this path
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in ("mcp", "pydantic", "anyio"):
            raise
        print(f"railguard: error: {MISSING_EXTRA}", file=sys.stderr)
        return 2
    return serve(args.root)
