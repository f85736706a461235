"""`railguard scan [PATHS]`: the CI lint step and the everyday command."""

from __future__ import annotations

import argparse
import sys

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
    p.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    p.add_argument("--diff-base", metavar="REF",
                   help="report only findings on lines added or changed since REF (git), e.g. origin/main")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the content-hash cache")
    p.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_threshold_arguments(p, "ci")
    p.add_argument("--accept-weakened-config", action="store_true",
                   help="do not report policy.config-weakens-guardrail (say so in the output)")
    add_config_arguments(p)


def run(args: argparse.Namespace) -> int:
    import time

    from railguard import telemetry
    from railguard.engine.baseline import load_baseline
    from railguard.engine.engine import Engine, at_threshold
    from railguard.engine.workspace import collect_files, scan_files
    from railguard.report import FORMATS as REPORTERS

    started = time.monotonic()
    config = config_from_args(args, args.paths[0] if args.paths else ".")
    threshold = threshold_from_args(args, config)
    engine = Engine(config)
    files, notices = collect_files(args.paths, config)
    baseline_path = args.baseline or config.get("baseline") or None
    baseline = None
    if baseline_path:
        from pathlib import Path

        bp = Path(baseline_path)
        if not bp.is_absolute() and not args.baseline:
            bp = config.root / bp
        if args.baseline or bp.exists():
            baseline = load_baseline(bp)

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
        report = scan_files(files, config, surface=args.surface, jobs=args.jobs or int(config.get("jobs")),
                            use_cache=False if args.no_cache else None, engine=engine, progress=progress)
    finally:
        if bar is not None:
            bar.stop()
    report.notices = notices + report.notices
    report.findings = at_threshold(report.findings, threshold)
    if baseline is not None:
        report.findings = baseline.new_findings(report.findings)
    if args.diff_base:
        report.findings = findings_on_changed_lines(report.findings, args.diff_base, config.root)
    report.findings = judge_config(config, engine, report, args)
    telemetry.record_scan(args.surface, report.files, report.findings, time.monotonic() - started,
                          suppressed=len(report.suppressed), errors=len(report.errors), config=config)

    rules = engine.rules_by_id
    if args.format == "concise":
        from railguard.report.text import render_concise

        text = render_concise(report, rules)
    else:
        import importlib

        reporter = importlib.import_module(REPORTERS[args.format])
        text = reporter.render(report, rules)
    write_output(text, args.output)
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


def findings_on_changed_lines(findings, base: str, root):
    """Keep findings whose lines were added or changed since base (`git diff --unified=0 base`)."""
    from railguard.hooks.git import changed_lines, repo_root

    repo = repo_root(root)
    changed = changed_lines(base, repo)
    offset = root.resolve().relative_to(repo.resolve()).as_posix() if root.resolve() != repo.resolve() else ""
    kept = []
    for f in findings:
        lines = changed.get(f"{offset}/{f.path}" if offset else f.path)
        if lines is not None and any(n in lines for n in range(f.line, f.range.end.line + 2)):
            kept.append(f)
    return kept
