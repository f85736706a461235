"""`railguard agent-hook`: a coding agent's file-edit hook (Claude Code PostToolUse and the same shape).

Reads the hook event as JSON on stdin; exit 2 with the findings on stderr (the agent reads
them and corrects itself), exit 0 when there is nothing to say.
"""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--severity", choices=["critical", "high", "medium", "low", "info"],
                   help="report at or above this severity (default: thresholds.agent)")
    p.add_argument("--confidence", choices=["high", "medium", "low"], help="report at or above this confidence")
    p.add_argument("--all", action="store_true",
                   help="report every finding in the file, also those its staged version already has")
    p.add_argument("--config", metavar="FILE", help="config file (default: the nearest one)")
    p.add_argument("--print-settings", action="store_true", help="print the Claude Code settings snippet and exit")


def run(args: argparse.Namespace) -> int:
    import sys

    from railguard.hooks.agent import run_agent_hook, settings_snippet

    if args.print_settings:
        sys.stdout.write(settings_snippet())
        return 0
    return run_agent_hook(sys.stdin.read(), severity=args.severity, confidence=args.confidence,
                          report_all=args.all, config_file=args.config)
