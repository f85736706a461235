"""`railguard audit show|verify`: the log of blocked commits, overrides and fail-open uses."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    show = sub.add_parser("show", help="list the entries")
    show.add_argument("--json", action="store_true", help="the entries as JSON lines")
    show.add_argument("--last", type=int, default=0, metavar="N", help="only the last N entries")
    sub.add_parser("verify", help="check the hash chain: exit 1 if an entry was edited or deleted")
    for sp in (show, sub.choices["verify"]):
        sp.add_argument("--log", metavar="FILE", help="audit log (default: config hook.audit-log or "
                        ".git/railguard/audit.jsonl)")
        sp.add_argument("--config", metavar="FILE", help="config file (default: the nearest one)")


def _log_path(args: argparse.Namespace):
    from pathlib import Path

    from railguard.config import load_config
    from railguard.hooks.audit import log_path
    from railguard.hooks.git import repo_root

    if args.log:
        return Path(args.log)
    config = load_config(".", args.config)
    return log_path(config.get("audit-log", "hook"), repo_root("."))


def run(args: argparse.Namespace) -> int:
    import json

    from railguard.hooks.audit import read_entries, summary_line, verify

    path = _log_path(args)
    if args.audit_command == "verify":
        result = verify(path)
        for problem in result.problems:
            print(f"railguard: {path}: {problem}")
        if result.ok:
            print(f"railguard: audit log intact: {result.entries} entries ({path})")
            return 0
        print(f"railguard: audit log TAMPERED: {len(result.problems)} problems in {result.entries} entries")
        return 1
    entries = read_entries(path)
    if args.last:
        entries = entries[-args.last:]
    for entry in entries:
        print(json.dumps(entry, ensure_ascii=False) if args.json else summary_line(entry))
    if not args.json:
        print(f"{len(entries)} entries in {path}")
    return 0
