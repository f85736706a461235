"""How noisy are the Python rules on real code?

Downloads source distributions by name (``pip download --no-deps``, source only, cached
under ~/.cache/railguard-bench/corpus/, outside the repository), optionally adds the installed standard library, scans
every Python file with railguard's Python rules only, and prints:

* findings per thousand lines, per rule and confidence, per corpus and in total;
* a reproducible random sample of high-confidence findings (path:line, rule, the line) to be
  read by hand: a high-confidence rule must be right at least 9 times in 10.

    python bench/noise.py                         # Django and requests
    python bench/noise.py --stdlib --sample 40    # plus the standard library
    python bench/noise.py --packages flask --include-tests
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import sysconfig
import tarfile
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_PARTS = {"tests", "test", "testing", "docs", "doc", "examples", "__pycache__", "site-packages",
              "idlelib", "lib2to3", "tkinter", "turtledemo", "ensurepip"}

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import CORPUS, pip_download_sdist  # noqa: E402


@dataclass(frozen=True)
class Hit:
    corpus: str
    path: str
    line: int
    rule: str
    confidence: str
    text: str


def download(name: str) -> Path:
    """Unpack the newest sdist of `name` under the bench cache (corpus/<name>/)."""
    target = CORPUS / name
    if target.is_dir() and any(target.iterdir()):
        return target
    archives = CORPUS / "_archives"
    archives.mkdir(parents=True, exist_ok=True)
    before = set(archives.iterdir())
    pip_download_sdist(name, archives, name)
    new = sorted(set(archives.iterdir()) - before) or sorted(
        p for p in archives.iterdir() if p.name.lower().replace("_", "-").startswith(name.lower()))
    if not new:
        raise SystemExit(f"noise: pip downloaded nothing for {name}")
    archive = new[-1]
    target.mkdir(parents=True, exist_ok=True)
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(target)
    else:
        with tarfile.open(archive) as tf:
            tf.extractall(target, filter="data")
    return target


def python_files(folder: Path, include_tests: bool) -> list[Path]:
    out = []
    for p in sorted(folder.rglob("*.py")):
        rel = p.relative_to(folder).parts
        if not include_tests and (SKIP_PARTS.intersection(rel[:-1]) or rel[-1].startswith("test_")):
            continue
        out.append(p)
    return out


_ENGINE = None


def _init() -> None:
    global _ENGINE
    from railguard.config import default_config
    from railguard.engine.engine import Engine
    from railguard.rules.loader import load_rules

    config = default_config(str(ROOT))
    _ENGINE = Engine(config, load_rules().filtered(enable=["python"]))


class _Slow(Exception):
    pass


def _alarm(*_: object) -> None:
    raise _Slow


def _scan(args: tuple[str, str, str, int]) -> tuple[int, list[Hit], str]:
    import signal

    from railguard.engine.document import Document

    corpus, path, display, limit = args
    data = Path(path).read_bytes()
    doc = Document(display, data, language="python")
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    try:
        result = _ENGINE.scan_document(doc, "ci")
    except _Slow:
        return 0, [], display  # reported as a slow file, not counted
    finally:
        signal.alarm(0)
    lines = data.count(b"\n") + 1
    hits = [Hit(corpus, display, f.line, f.rule_id, f.confidence.label, doc.line_text(f.range.start.line).strip())
            for f in result.findings if f.rule_id.startswith("python.")]
    return lines, hits, ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--packages", nargs="*", default=["django", "requests"], help="sdists to download by name")
    ap.add_argument("--stdlib", action="store_true", help="also scan the installed standard library")
    ap.add_argument("--include-tests", action="store_true", help="scan test, doc and example folders too")
    ap.add_argument("--sample", type=int, default=30, help="high-confidence findings to print for review")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=max(1, multiprocessing.cpu_count()))
    ap.add_argument("--file-limit", type=int, default=20, help="seconds per file before it is skipped")
    args = ap.parse_args(argv)

    corpora: dict[str, Path] = {name: download(name) for name in args.packages}
    if args.stdlib:
        corpora["stdlib"] = Path(sysconfig.get_paths()["stdlib"])
    work = []
    for name, folder in corpora.items():
        for p in python_files(folder, args.include_tests):
            work.append((name, str(p), f"{name}/{p.relative_to(folder).as_posix()}", args.file_limit))

    started = time.perf_counter()
    lines_by: Counter[str] = Counter()
    hits: list[Hit] = []
    slow: list[str] = []
    with multiprocessing.Pool(args.jobs, initializer=_init) as pool:
        for (corpus, *_), (lines, found, skipped) in zip(work, pool.imap(_scan, work, chunksize=4), strict=True):
            lines_by[corpus] += lines
            hits.extend(found)
            if skipped:
                slow.append(skipped)
    elapsed = time.perf_counter() - started
    total_lines = sum(lines_by.values())
    for path in slow:
        print(f"skipped after {args.file_limit} s: {path}")

    print(f"scanned {len(work)} files, {total_lines:,} lines in {elapsed:.1f} s "
          f"({total_lines / max(elapsed, 1e-9) / 1000:.0f} k lines/s, {args.jobs} processes)")
    for corpus, n in lines_by.items():
        c = sum(1 for h in hits if h.corpus == corpus)
        print(f"  {corpus:10} {n:>9,} lines  {c:>5} findings  {1000 * c / max(n, 1):.3f} per kLOC")
    print(f"  {'total':10} {total_lines:>9,} lines  {len(hits):>5} findings  "
          f"{1000 * len(hits) / max(total_lines, 1):.3f} per kLOC")

    by_conf = Counter(h.confidence for h in hits)
    print("\nper confidence (findings, per kLOC):")
    for conf in ("high", "medium", "low"):
        print(f"  {conf:7} {by_conf[conf]:>5}  {1000 * by_conf[conf] / max(total_lines, 1):.3f}")

    by_rule: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for h in hits:
        by_rule[(h.rule, h.confidence)][h.corpus] += 1
    print("\nper rule (confidence, findings per corpus, per kLOC overall):")
    for (rule, conf), per in sorted(by_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        n = sum(per.values())
        detail = ", ".join(f"{c} {k}" for c, k in sorted(((v, k) for k, v in per.items()), reverse=True))
        print(f"  {rule:45} {conf:6} {n:>5}  {1000 * n / max(total_lines, 1):.3f}  ({detail})")

    high = [h for h in hits if h.confidence == "high"]
    sample = random.Random(args.seed).sample(high, min(args.sample, len(high)))
    print(f"\nrandom sample of {len(sample)} of {len(high)} high-confidence findings (seed {args.seed}):")
    for h in sorted(sample, key=lambda h: (h.rule, h.path, h.line)):
        print(f"  {h.path}:{h.line}  {h.rule}\n      {h.text[:150]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
