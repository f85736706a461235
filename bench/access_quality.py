"""Precision and recall of the access analyzer per framework, over the annotated mini
applications in tests/fixtures/access/<framework>/ (see tests/access_support.py).

    python bench/access_quality.py            # with the project index (as `railguard scan` runs)
    python bench/access_quality.py --single   # each file on its own (no cross-file facts)
    python bench/access_quality.py -v         # list every mistake
    python bench/access_quality.py --index DIR   # cost of the project index over a folder
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.access_support import by_framework, evaluate_app, frameworks  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--single", action="store_true", help="scan each file without the project index")
    parser.add_argument("-v", "--verbose", action="store_true", help="list false positives and negatives")
    parser.add_argument("--index", metavar="DIR", help="time the project index (prepare) over a folder")
    args = parser.parse_args(argv)
    if args.index:
        return index_cost(Path(args.index))
    print(f"{'framework':<10} {'routes':>6} {'unprot.':>7} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} "
          f"{'recall':>7} {'ms':>6}")
    total_tp = total_fp = total_fn = 0
    results = []
    timings: dict[str, float] = {}
    for folder in frameworks():
        started = time.perf_counter()
        results.append(evaluate_app(folder, project=not args.single))
        timings[folder.name] = (time.perf_counter() - started) * 1000
    for name, r in by_framework(results).items():
        ms = timings.get(name, 0.0)
        positives = sum(1 for c in r.checks if c.expected == "unprotected") + sum(
            1 for m in r.missing if m[2] == "unprotected")
        print(f"{r.framework:<10} {len(r.checks):>6} {positives:>7} {r.tp:>4} {r.fp:>4} {r.fn:>4} "
              f"{r.precision:>9.2f} {r.recall:>7.2f} {(f'{ms:.0f}' if ms else ''):>6}")
        total_tp, total_fp, total_fn = total_tp + r.tp, total_fp + r.fp, total_fn + r.fn
        if args.verbose:
            for c in r.checks:
                if c.reported != (c.expected == "unprotected"):
                    kind = "FP" if c.reported else "FN"
                    print(f"    {kind} {c.path}:{c.line} {c.describe} expected={c.expected or '-'} {c.reason}")
            for path, line, exp in r.missing:
                print(f"    no route found at {path}:{line} (expected {exp})")
    print("(routes grouped by the model that decided them; ms: project index and analysis of each application)")
    p = total_tp / (total_tp + total_fp) if total_tp + total_fp else 1.0
    rc = total_tp / (total_tp + total_fn) if total_tp + total_fn else 1.0
    print(f"{'all':<10} {'':>6} {'':>7} {total_tp:>4} {total_fp:>4} {total_fn:>4} {p:>9.2f} {rc:>7.2f}")
    return 0


def index_cost(folder: Path) -> int:
    """Median of 3 runs of the access analyzer's prepare() over every file of a folder."""
    from railguard.config import default_config
    from railguard.engine.access.core import relevant
    from railguard.engine.analyzers.access import AccessAnalyzer
    from railguard.engine.document import Document
    from railguard.vcs import collect_files

    config = default_config(folder)
    found, _ = collect_files([str(folder)], config)
    files = [(f.location, f.path) for f in found]
    lines = sum(f.location.read_bytes().count(b"\n") for f in found if f.location.stat().st_size < 2_000_000)
    kept = sum(1 for f in found if f.location.suffix in (".py", ".js", ".ts", ".java", ".mjs", ".cjs", ".tsx", ".jsx")
               and f.location.stat().st_size < 1_000_000 and relevant(Document(f.path, f.location.read_bytes())))
    times = []
    for _ in range(3):
        started = time.perf_counter()
        AccessAnalyzer([], config).prepare(files, config)
        times.append(time.perf_counter() - started)
    times.sort()
    parse = []
    for _ in range(3):  # the same run's yardstick: parsing every source file once with tree-sitter
        started = time.perf_counter()
        for f in found:
            doc = Document(f.path, f.location.read_bytes())
            if doc.has_tree and f.location.stat().st_size < 1_000_000:
                doc.tree  # noqa: B018 - parse
        parse.append(time.perf_counter() - started)
    parse.sort()
    print(f"{len(files)} files ({lines:,} lines), {kept} pass the prefilter; prepare() median {times[1]:.2f} s "
          f"(min {times[0]:.2f}, max {times[2]:.2f}); parsing every source file once: {parse[1]:.2f} s "
          f"(ratio {times[1] / parse[1]:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
