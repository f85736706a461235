"""Speed of the secrets analyzer on a large real tree, against detect-secrets, in one run.

The tree is a source distribution that pip downloads by name into ~/.cache/railguard-bench/corpus/
and unpacks into a temporary folder (outside this repository, so git's ignore rules do not
hide it). Measured, in this order, each as the median of --repeat runs (detect-secrets once
by default: it takes minutes):

1. railguard with only the secrets analyzer (`--select secrets`), no cache;
2. `detect-secrets scan --all-files` on the same tree;
3. the full railguard scan with secrets on, and with secrets off, no cache (interleaved).

    python bench/secrets_speed.py [--package sqlalchemy==2.0.36] [--repeat 3] [--ds-repeat 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import CORPUS, pip_download_sdist  # noqa: E402


def fetch(package: str) -> Path:
    CORPUS.mkdir(parents=True, exist_ok=True)
    name = package.split("==")[0].lower()
    found = [p for p in CORPUS.glob("*.tar.gz") if p.name.lower().startswith(name)]
    if not found:
        pip_download_sdist(package, CORPUS, name)
        found = [p for p in CORPUS.glob("*.tar.gz") if p.name.lower().startswith(name)]
    return sorted(found)[-1]


def unpack(archive: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="railguard-speed-"))
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    (tree,) = [p for p in target.iterdir() if p.is_dir()]
    return tree


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    started = time.perf_counter()
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if out.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({out.returncode}): {out.stderr[-500:]}")
    return elapsed


def median(cmd: list[str], cwd: Path, repeat: int, env: dict | None = None) -> float:
    return statistics.median(timed(cmd, cwd, env) for _ in range(repeat))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", default="sqlalchemy==2.0.36")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ds-repeat", type=int, default=1)
    parser.add_argument("--full-repeat", type=int, default=3, help="runs of each full scan")
    args = parser.parse_args()

    tree = unpack(fetch(args.package))
    try:
        files = sum(1 for p in tree.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in tree.rglob("*") if p.is_file())
        lines = sum(p.read_bytes().count(b"\n") for p in tree.rglob("*") if p.is_file())
        print(f"tree: {args.package}: {files} files, {lines:,} lines, {size / 1e6:.1f} MB; {os.cpu_count()} cores")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        railguard = [sys.executable, "-m", "railguard", "scan", ".", "--no-cache", "-f", "json", "--exit-zero",
                     "-o", os.devnull]
        no_secrets = tree / "no-secrets.toml"
        no_secrets.write_text('analyzers = ["query", "text", "ai", "access", "taint"]\nexclude = ["no-secrets.toml"]\n')
        with_secrets = tree / "with-secrets.toml"
        with_secrets.write_text('exclude = ["no-secrets.toml", "with-secrets.toml"]\n')

        secrets_only = median([*railguard, "--select", "secrets", "--config", str(with_secrets)], tree, args.repeat,
                              env)
        print(f"railguard, secrets only:        {secrets_only:7.2f} s (median of {args.repeat})")
        exe = shutil.which("detect-secrets") or "detect-secrets"
        ds = median([exe, "scan", "--all-files"], tree, args.ds_repeat)
        print(f"detect-secrets scan --all-files: {ds:7.2f} s (median of {args.ds_repeat})")
        print(f"  -> railguard is {ds / secrets_only:.1f}x faster")
        # interleaved, so that a change of machine load hits both alike
        on_runs: list[float] = []
        off_runs: list[float] = []
        for _ in range(args.full_repeat):
            on_runs.append(timed([*railguard, "--config", str(with_secrets)], tree, env))
            off_runs.append(timed([*railguard, "--config", str(no_secrets)], tree, env))
        full_on, full_off = statistics.median(on_runs), statistics.median(off_runs)
        print(f"railguard full scan, secrets on:  {full_on:7.2f} s (median of {args.full_repeat})")
        print(f"railguard full scan, secrets off: {full_off:7.2f} s (median of {args.full_repeat})")
        print(f"  -> secrets cost {100 * (full_on - full_off) / full_off:+.1f}% of the full scan")
    finally:
        shutil.rmtree(tree.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
