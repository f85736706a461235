"""Helpers shared by the benchmark scripts: corpora from the package index, timing, peak RSS."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# Third-party code is cached outside the checkout (RAILGUARD_BENCH_CACHE moves it), never committed.
CACHE = Path(os.environ.get("RAILGUARD_BENCH_CACHE", Path.home() / ".cache" / "railguard-bench"))
CORPUS = CACHE / "corpus"


def pip_download_sdist(spec: str, dest: Path, name: str) -> None:
    """`pip download` one source distribution by name; its build requirements may come as wheels
    (`--no-binary :all:` would compile them from source too: minutes for Cython)."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", name, "-q",
                    "-d", str(dest), spec], check=True)


def fetch_sdist(name: str, version: str) -> Path:
    """Download a source distribution with pip (by name) and unpack it under the bench cache."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    target = CORPUS / f"{name}-{version}"
    if target.is_dir():
        _own_repository(target)
        return target
    download = CORPUS / "_downloads"
    download.mkdir(exist_ok=True)
    pip_download_sdist(f"{name}=={version}", download, name)
    archive = next(p for p in download.iterdir() if p.name.lower().startswith(name.lower().replace("-", "_"))
                   or p.name.lower().startswith(name.lower()))
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(CORPUS)
    else:
        with tarfile.open(archive) as tf:
            tf.extractall(CORPUS, filter="data")
    unpacked = next(p for p in CORPUS.iterdir() if p.is_dir() and p.name.lower().replace("_", "-").startswith(
        f"{name}-{version}".lower().replace("_", "-")))
    if unpacked != target:
        unpacked.rename(target)
    _own_repository(target)
    return target


def _own_repository(tree: Path) -> None:
    """Make the corpus a git repository of its own, so railguard scans git's file list of the
    release rather than whatever repository happens to enclose the cache."""
    if not (tree / ".git").exists():
        subprocess.run(["git", "init", "-q", str(tree)], check=True)


def count_lines(folder: Path, suffixes: tuple[str, ...] = (".py",)) -> tuple[int, int]:
    files = lines = 0
    for p in folder.rglob("*"):
        if p.is_file() and p.suffix in suffixes:
            files += 1
            with open(p, "rb") as fh:
                lines += sum(1 for _ in fh)
    return files, lines


@dataclass
class Run:
    wall: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


_WRAPPER = (
    "import resource, subprocess, sys, time, json\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "wall = time.perf_counter() - t\n"
    "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps({'wall': wall, 'rss': rss, 'rc': p.returncode, 'out': p.stdout, 'err': p.stderr[-5000:]}))\n"
)


def measure(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Wall time and the peak RSS of the largest process the command started."""
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], cwd=cwd, capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True)
    d = json.loads(out.stdout)
    return Run(d["wall"], d["rss"], d["rc"], d["out"], d["err"])


def median_wall(cmd: list[str], runs: int, cwd: Path | None = None, env: dict | None = None) -> float:
    return statistics.median(measure(cmd, cwd, env).wall for _ in range(runs))


def self_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def now() -> float:
    return time.perf_counter()


def railguard_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "railguard", *args]


def require(module: str, hint: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        sys.exit(f"{module} is not installed: {hint}")


@dataclass
class Tally:
    """Vulnerable and safe cases, and whether each was reported: recall and false-positive rate."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, vulnerable: bool, reported: bool, where: str) -> None:
        if vulnerable:
            self.tp += reported
            self.fn += not reported
        else:
            self.fp += reported
            self.tn += not reported
        if vulnerable != reported:
            self.misses.append(where)

    @property
    def vulnerable(self) -> int:
        return self.tp + self.fn

    @property
    def safe(self) -> int:
        return self.fp + self.tn

    @property
    def recall(self) -> float | None:
        return self.tp / self.vulnerable if self.vulnerable else None

    @property
    def fpr(self) -> float | None:
        return self.fp / self.safe if self.safe else None
