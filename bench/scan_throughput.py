"""Whole-repository scan throughput: railguard (every analyzer) vs bandit, in one run.

    python bench/scan_throughput.py [--package sqlalchemy==2.0.36] [--repeat 1]

Downloads the source distribution with pip (by name) into ~/.cache/railguard-bench/corpus/ (outside the repository), scans it with
`railguard scan` (no cache, all cores), then again with the cache warm, then with
bandit, and prints files, lines, wall seconds, lines per second and peak RSS for each,
plus the wall time of a cold one-file scan (median of 15). Figures on a shared machine
move with load: compare the ratios printed in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import count_lines, fetch_sdist, measure, railguard_cmd  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", default="sqlalchemy==2.0.36")
    ap.add_argument("--skip-bandit", action="store_true")
    ap.add_argument("--analyzers", default="", help="comma-separated analyzers (default: the configured set)")
    args = ap.parse_args()
    name, version = args.package.split("==")
    tree = fetch_sdist(name, version)
    py_files, py_lines = count_lines(tree)
    print(f"corpus: {name} {version}: {py_files} Python files, {py_lines:,} lines of Python")

    cache_dir = Path(tempfile.mkdtemp(prefix="railguard-bench-cache-"))
    conf = tree / ".railguard.toml"
    os.environ["RAILGUARD_CACHE_DIR"] = str(cache_dir)  # the user's cache dir (a repository may not point outside)
    conf.write_text(f"analyzers = {json.dumps(args.analyzers.split(','))}\n" if args.analyzers else "")
    rows = []
    try:
        cold = measure(railguard_cmd("scan", ".", "-f", "json", "--exit-zero"), cwd=tree)
        if cold.returncode not in (0, 1):
            print(cold.stderr[-2000:])
            return 1
        summary = json.loads(cold.stdout)["summary"] if cold.stdout.strip().startswith("{") else {}
        rg_files, rg_lines = summary.get("files", 0), summary.get("lines", 0)
        rows.append(("railguard (cold cache)", rg_files, rg_lines, cold, summary.get("findings", 0)))
        warm = measure(railguard_cmd("scan", ".", "-f", "json", "--exit-zero"), cwd=tree)
        rows.append(("railguard (warm cache)", rg_files, rg_lines, warm, json.loads(warm.stdout)["summary"]["findings"]))
        one = tree / "_one.py"
        one.write_text("import subprocess\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n")
        singles = [measure(railguard_cmd("scan", "_one.py", "--no-cache", "--exit-zero"), cwd=tree).wall
                   for _ in range(15)]
        one.unlink()
    finally:
        conf.unlink(missing_ok=True)
        shutil.rmtree(cache_dir, ignore_errors=True)

    if not args.skip_bandit:
        beside = Path(sys.executable).with_name("bandit")  # installed in this environment, not on PATH
        bandit = str(beside) if beside.exists() else shutil.which("bandit")
        if bandit is None:
            print("bandit is not installed (pip install bandit); skipping the comparison")
        else:
            b = measure([bandit, "-r", ".", "-f", "json", "-q"], cwd=tree)
            try:
                bfindings = len(json.loads(b.stdout)["results"])
            except ValueError:
                bfindings = -1
            rows.append(("bandit", py_files, py_lines, b, bfindings))

    print(f"\n{'tool':24} {'files':>6} {'lines':>10} {'wall s':>8} {'lines/s':>10} {'peak RSS MB':>12} {'findings':>9}")
    for label, files, lines, run, findings in rows:
        print(f"{label:24} {files:>6} {lines:>10,} {run.wall:>8.2f} {lines / run.wall:>10,.0f} "
              f"{run.peak_rss_mb:>12.0f} {findings:>9}")
    by = {label: (lines / run.wall) for label, _f, lines, run, _n in rows}
    if "bandit" in by:
        wall = {label: run.wall for label, _f, _l, run, _n in rows}
        print(f"\nrailguard / bandit lines per second: {by['railguard (cold cache)'] / by['bandit']:.1f}x (cold), "
              f"{by['railguard (warm cache)'] / by['bandit']:.0f}x (warm); wall time of the same tree: "
              f"{wall['bandit'] / wall['railguard (cold cache)']:.1f}x (cold), "
              f"{wall['bandit'] / wall['railguard (warm cache)']:.0f}x (warm)")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"cold one-file scan: median {statistics.median(singles) * 1000:.0f} ms, "
          f"min {min(singles) * 1000:.0f} ms over {len(singles)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
