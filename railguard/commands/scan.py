"""`railguard scan [PATHS]`: the CI lint step and the everyday command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from railguard.commands.common import (
    add_config_arguments,
    add_threshold_arguments,
    config_from_args,
    threshold_from_args,
    write_output,
)

FORMATS = ("text", "concise", "json", "sarif", "codeclimate")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", default=["."], help="files and folders (default: .)")
    p.add_argument("--format", "-f", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE (atomically)")
    p.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline "
                   "(default: the configured one, else .railguard-baseline.json when it exists)")
    p.add_argument("--diff-base", metavar="REF",
                   help="report only findings on lines added or changed since REF (git), e.g. origin/main")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the content-hash cache")
    p.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--all", action="store_true", help="report every finding, whatever the threshold")
    p.add_argument("--show-excludes", action="store_true",
                   help="print the excludes that apply (configured and default) and exit")
    p.add_argument("--verbose", "-v", action="store_true", help="list skipped files one by one")
    add_threshold_arguments(p, "ci")
    p.add_argument("--profile", action="store_true",
                   help="print the slowest analyzers, rules and files to stderr (scans in one process, no cache)")
    p.add_argument("--accept-weakened-config", action="store_true",
                   help="do not report policy.config-weakens-guardrail (say so in the output)")
    add_config_arguments(p)


def run(args: argparse.Namespace) -> int:
    import time

    from railguard import telemetry
    from railguard.engine.engine import Engine
    from railguard.engine.policy import PolicyStage, Selection, describe_excludes
    from railguard.report import FORMATS as REPORTERS
    from railguard.vcs import changed_lines_under, collect_files, display_path

    started = time.monotonic()
    config = config_from_args(args, args.paths[0] if args.paths else ".")
    if args.show_excludes:
        write_output("\n".join(describe_excludes(PolicyStage(config.policy(), config.root))) + "\n", None)
        return 0
    named = PolicyStage(config.policy(), config.root).named_samples(
        display_path(Path(p), config.root) for p in args.paths)
    if named:  # `railguard scan examples/`: what the user points at is judged as code
        config = config.with_values(include=list(config.get("include")) + named)
    engine = Engine(config)
    threshold = None if args.all else threshold_from_args(args, config)
    baseline = engine.policy.load_baseline(args.baseline)
    files, notices = collect_files(args.paths, config, engine.policy)
    profile = None
    if getattr(args, "profile", False):
        from railguard.engine.profile import Profile

        profile = Profile()
        profile.attach(engine)
        args.jobs, args.no_cache = 1, True

    progress = None
    bar = None
    if args.format in ("text", "concise") and not args.no_progress and sys.stderr.isatty() and len(files) > 200:
        from rich.progress import Progress

        bar = Progress(transient=True)
        bar.start()
        task = bar.add_task("scanning", total=len(files))

        def progress(n: int) -> None:
            bar.advance(task, n)

    try:
        report = engine.scan(files, args.surface, jobs=args.jobs or int(config.get("jobs")),
                             use_cache=False if args.no_cache else None, progress=progress)
    finally:
        if bar is not None:
            bar.stop()
    report.notices = notices + report.notices
    changed = changed_lines_under(args.diff_base, config.root) if args.diff_base else None
    report = engine.policy.select(report, Selection(args.surface, threshold, baseline, changed))
    report.findings = judge_config(config, engine, report, args)
    telemetry.record_scan(args.surface, report.files, report.findings, time.monotonic() - started,
                          suppressed=len(report.suppressed), errors=len(report.errors), config=config)

    rules = engine.rules_by_id
    if args.format == "concise":
        from railguard.report.text import render_concise

        text = render_concise(report, rules, verbose=args.verbose)
    else:
        import importlib

        reporter = importlib.import_module(REPORTERS[args.format])
        text = reporter.render(report, rules, verbose=args.verbose)
    write_output(text, args.output)
    if profile is not None:
        sys.stderr.write(profile.render())
    if args.format != "text" and args.format != "concise":
        for n in report.notices:
            if n.kind != "skipped":
                print(f"railguard: {n.line()}", file=sys.stderr)
    if report.errors:
        return 2
    if report.findings and not args.exit_zero:
        return 1
    return 0


def judge_config(config, engine, report, args) -> list:
    """policy.config-weakens-guardrail for the config in use, whatever that config disabled,
    excluded, overrode or set as threshold (docs/security.md); the user may accept it."""
    from railguard.engine import guardrail
    from railguard.model import Finding, Notice

    kept = [f for f in report.findings if f.rule_id != guardrail.RULE_ID]
    found = guardrail.at_default_threshold(guardrail.config_findings(config, engine), args.surface)
    if not found:
        return kept
    why = guardrail.accepted_by_user(getattr(args, "accept_weakened_config", False))
    if why:
        report.notices.append(Notice(found[0].path, f"{len(found)} weakening setting(s) accepted ({why})", "warning"))
        return kept
    return sorted(kept + found, key=Finding.sort_key)
