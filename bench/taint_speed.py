"""What the taint analyzer adds to a full scan of a large real code base.

    python bench/taint_speed.py [PATH ...] [--runs 3] [--jobs 0]

Default target: the installed `pip` package (about 180 k lines of real Python:
vendored requests, urllib3, rich, ...). Each run scans the whole tree twice, with
every analyzer and with every analyzer except taint, without cache, alternating
the order; printed are the medians, the ratio and the taint analyzer's own share
(including its project-wide summary pass).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from railguard.config import DEFAULT_ANALYZERS, default_config  # noqa: E402
from railguard.engine.workspace import scan_files  # noqa: E402
from railguard.vcs import collect_files  # noqa: E402


def default_target() -> list[str]:
    import pip

    return [str(Path(pip.__file__).parent)]


def timed_scan(paths: list[str], analyzers: list[str], jobs: int) -> tuple[float, int, int, int]:
    root = Path(paths[0]).resolve()
    config = default_config(root if root.is_dir() else root.parent)
    config.values.setdefault("", {})["cache"] = False
    config.values[""]["analyzers"] = analyzers
    files, _ = collect_files(paths, config)
    started = time.perf_counter()
    report = scan_files(files, config, jobs=jobs, use_cache=False)
    elapsed = time.perf_counter() - started
    taint = sum(1 for f in report.findings if f.analyzer == "taint")
    return elapsed, report.files, report.lines, taint


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0)
    args = ap.parse_args(argv)
    sources = args.paths or default_target()
    tmp = tempfile.TemporaryDirectory()
    # a copy outside any git work tree or project config: every file is scanned, as a plain folder
    paths = []
    for i, src in enumerate(sources):
        dst = Path(tmp.name) / f"{i}-{Path(src).name}"
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        paths.append(str(dst))
    with_taint = list(DEFAULT_ANALYZERS)
    without = [a for a in with_taint if a != "taint"]
    t_with: list[float] = []
    t_without: list[float] = []
    files = lines = findings = 0
    for i in range(args.runs):
        order = [(without, t_without), (with_taint, t_with)]
        if i % 2:
            order.reverse()
        for analyzers, bucket in order:
            elapsed, files, lines, taint = timed_scan(paths, analyzers, args.jobs)
            bucket.append(elapsed)
            if analyzers is with_taint:
                findings = taint
    a, b = statistics.median(t_without), statistics.median(t_with)
    tmp.cleanup()
    print(f"target: {', '.join(sources)}")
    print(f"{files} files, {lines:,} lines, {args.runs} runs each, median wall time (no cache)")
    print(f"  every analyzer except taint: {a:6.2f} s  ({lines / a:,.0f} lines/s)")
    print(f"  every analyzer with taint:   {b:6.2f} s  ({lines / b:,.0f} lines/s)")
    print(f"  taint adds {100 * (b - a) / a:+.0f}% (target: at most +50%); {findings} taint findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
