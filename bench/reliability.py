"""Reliability report: `python bench/reliability.py [--fuzz-seconds 240] [--docs 50] [--edits 5000]
[--kills 100] [--hook-runs 10] [--seed N]`.

Runs, one after the other (the machine has two cores), the long engine fuzzing
(bench/fuzz.py), the language-server load and chaos run (bench/lsp_chaos.py), writers of
atomic files killed with SIGKILL at random points, and `railguard hook` run concurrently
from two worktrees of one repository, then prints one table. The defaults take about
5-10 minutes on two cores. Exit status 1 if any failure was seen.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import fuzz  # noqa: E402
import lsp_chaos  # noqa: E402

from tests.reliability.stress import concurrent_hooks, kill_writers  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fuzz-seconds", type=float, default=240.0)
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--edits", type=int, default=5000)
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--hook-runs", type=int, default=10, help="hook runs per worktree")
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    seed = random.randrange(1 << 30) if args.seed is None else args.seed
    print(f"seed {seed} (repeat with --seed {seed})", flush=True)
    started = time.monotonic()

    print(f"engine fuzzing for {args.fuzz_seconds:g} s ...", flush=True)
    fz = fuzz.run(seconds=args.fuzz_seconds, seed=seed)
    print(f"LSP chaos: {args.docs} documents, {args.edits} edits ...", flush=True)
    lc = lsp_chaos.run(docs=args.docs, edits=args.edits, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"SIGKILL of atomic writers: {args.kills} runs ...", flush=True)
        kw = kill_writers(Path(tmp), runs=args.kills, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"concurrent hooks: 2 worktrees x {args.hook_runs} runs ...", flush=True)
        ch = concurrent_hooks(Path(tmp), runs=args.hook_runs)

    rows = [
        ("engine fuzzing", f"{fz['cases']:,} cases tried", f"{len(fz['failures'])} failures",
         f"slowest file {fz['slowest_s']:.1f} s (budget {fz['budget_s']:g} s)"),
        ("LSP chaos", f"{lc['steps']:,} steps ({lc['edits']:,} edits, {lc['docs']} documents)",
         f"{len(lc['failures'])} failures", f"server alive and answering: {'yes' if lc['answered'] else 'NO'}"),
        ("LSP peak RSS", f"{lc['peak_rss_mb']:.0f} MB", "", "VmHWM of the server process"),
        ("SIGKILL of atomic writes", f"{kw['kills']} kill tests", f"{kw['torn']} torn files",
         f"{kw['versions_seen']} distinct versions seen"),
        ("concurrent hooks, 2 worktrees", f"{ch['expected']} entries expected", f"{ch['lost']} lost",
         f"audit verify: {'ok' if ch['verify_ok'] else 'FAILED'}"),
    ]
    print()
    print("| check | tried | failures | notes |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\n{time.monotonic() - started:.0f} s in all, seed {seed}")
    for f in fz["failures"]:
        print(f"fuzz failure: {f['kind']}: {f['path']}: {f['error']} ({f['reproducer']})")
    for f in lc["failures"]:
        print(f"LSP chaos failure: {f}")
    if not ch["verify_ok"]:
        print(ch["verify_output"])
    bad = fz["failures"] or lc["failures"] or not lc["answered"] or kw["torn"] or ch["lost"] or not ch["verify_ok"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
