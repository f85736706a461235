"""`railguard baseline create|update`: accept today's findings, report only new ones later."""

from __future__ import annotations

import argparse
import sys

from railguard.commands.common import add_config_arguments, config_from_args
from railguard.model import DEFAULT_BASELINE


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["create", "update"],
                   help="create: write all current findings; update: add new ones and drop fixed ones")
    p.add_argument("paths", nargs="*", default=["."])
    p.add_argument("--output", "-o", metavar="FILE", help=f"baseline file (default: config 'baseline' or {DEFAULT_BASELINE})")
    p.add_argument("--force", action="store_true", help="overwrite an existing baseline on create")
    add_config_arguments(p)


def run(args: argparse.Namespace) -> int:
    from railguard.engine.baseline import Baseline
    from railguard.engine.engine import Engine
    from railguard.model import RailguardError
    from railguard.vcs import scan_paths

    config = config_from_args(args, args.paths[0])
    engine = Engine(config)
    target = engine.policy.baseline_path(args.output)
    if args.action == "create" and target.exists() and not args.force:
        raise RailguardError(f"{target}: baseline exists; use `railguard baseline update` or --force")
    report = scan_paths(args.paths, config, engine=engine)
    baseline = Baseline.from_findings(report.findings)
    baseline.save(target)
    for n in report.notices:
        if n.kind != "skipped":
            print(f"railguard: {n.line()}", file=sys.stderr)
    print(f"railguard: wrote {len(baseline.entries)} findings to {target}")
    return 2 if report.errors else 0
