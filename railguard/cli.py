"""The `railguard` command. Subcommands live in railguard/commands/, one module each,
with `add_arguments(parser)` and `run(args) -> int`. Heavy imports happen inside run().

Exit codes: 0 nothing at or above the threshold, 1 findings, 2 usage, configuration or scan errors.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from railguard import __version__

# name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("railguard.commands.scan", "scan files and folders and report findings"),
    "rules": ("railguard.commands.rules", "list, explain and test rules"),
    "baseline": ("railguard.commands.baseline", "create or update a baseline of accepted findings"),
    "hook": ("railguard.commands.hook", "the commit gate: check staged changes (pre-commit and git hooks)"),
    "install-hook": ("railguard.commands.install_hook", "install a plain git pre-commit hook"),
    "agent-hook": ("railguard.commands.agent_hook", "check a file a coding agent just edited (hook JSON on stdin)"),
    "audit": ("railguard.commands.audit", "show or verify the audit log of blocked and overridden commits"),
    "init": ("railguard.commands.init", "write a starter config and the pre-commit snippet"),
    "lsp": ("railguard.commands.lsp", "run the language server (stdio, or --tcp HOST:PORT)"),
    "mcp": ("railguard.commands.mcp", "run the MCP server for coding agents (stdio; the 'mcp' extra)"),
    "daemon": ("railguard.commands.daemon", "the opt-in resident process of the commit hook (run/start/stop/status)"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; with `only`, only that subcommand's module is imported (hooks start fast)."""
    parser = argparse.ArgumentParser(
        prog="railguard",
        description="A guardrail for AI-assisted coding: insecure patterns, leaked secrets and "
        "missing access checks, in the editor, the commit hook and CI.",
    )
    parser.add_argument("--version", action="version", version=f"railguard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name, help=help_text, description=help_text)
            continue
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["hook"] and _resident_may_answer(argv[1:]):
        # the opt-in resident process answers before the engine is imported
        from railguard.resident.client import hook

        code = hook(argv[1:])
        if code is not None:
            return code
    return run_command(argv)


def _resident_may_answer(args: list[str]) -> bool:
    """False when the resident process's client would certainly say "run cold" (it is not even
    imported then): it answers only `hook --staged`, never in CI, and RAILGUARD_RESIDENT set to
    anything but 1/true/yes/on switches it off (railguard/resident/client.py, `enabled`)."""
    if args != ["--staged"] or os.environ.get("CI"):
        return False
    flag = os.environ.get("RAILGUARD_RESIDENT", "").strip().lower()
    return not flag or flag in ("1", "true", "yes", "on")


def run_command(argv: list[str]) -> int:
    """The command, in this process (the cold path; also what the resident process runs)."""
    from railguard.model import RailguardError, describe_exception

    chosen = argv[0] if argv and argv[0] in COMMANDS else None
    parser = build_parser(chosen)
    args = parser.parse_args(argv)
    if not getattr(args, "_module", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._module.run(args))
    except RailguardError as exc:
        print(f"railguard: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("railguard: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # no traceback: its message may quote a scanned file (and a secret in it)
        if os.environ.get("RAILGUARD_DEBUG"):
            raise
        print(f"railguard: internal error: {describe_exception(exc)}; please report it "
              "(RAILGUARD_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
