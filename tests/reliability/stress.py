"""Crash and concurrency drills, shared by the bounded tests and bench/reliability.py:
writers killed with SIGKILL at random points, and `railguard hook` run concurrently from two
worktrees of one repository (one audit log)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.githelpers import VULN, Repo

WRITER = r"""
import json, sys
from railguard.atomic import write_atomic, file_lock
target = sys.argv[1]
i = 0
while True:
    i += 1
    body = json.dumps({"version": i, "pad": "x" * (200_000 + (i % 7) * 10_000)})
    with file_lock(target):
        write_atomic(target, body)
"""


def kill_writers(workdir: Path, runs: int = 25, seed: int = 1234) -> dict[str, Any]:
    """Start a writer that replaces a file atomically in a loop, SIGKILL it after a random
    delay, and check the file: the old or a new version, never a torn one."""
    target = workdir / "baseline.json"
    target.write_text(json.dumps({"version": 0, "pad": ""}))
    rng = random.Random(seed)
    kills = torn = 0
    versions: set[int] = set()
    for _ in range(runs):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)],
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        try:
            data = json.loads(target.read_text())
            versions.add(int(data["version"]))
        except (ValueError, KeyError, TypeError):
            torn += 1
    leftovers = [p.name for p in workdir.iterdir() if p.name.endswith(".tmp")]
    return {"kills": kills, "torn": torn, "leftovers": leftovers, "versions_seen": len(versions)}


def concurrent_hooks(workdir: Path, runs: int = 4) -> dict[str, Any]:
    """Two worktrees of one repository run `railguard hook` on a blocked file at the same
    time, `runs` times each; every run appends one entry to the shared audit log."""
    repo = Repo(workdir / "repo", workdir)
    repo.write("README.md", "demo\n")
    repo.git("add", "README.md")
    repo.git("commit", "-q", "-m", "init")
    repo.git("worktree", "add", "-q", str(workdir / "second"), "-b", "second")
    second = workdir / "second"
    for place in (repo.path, second):
        (place / "app.py").write_text(VULN)

    def hook_runs(cwd: Path) -> list[int]:
        codes = []
        for _ in range(runs):
            r = subprocess.run([sys.executable, "-m", "railguard", "hook", "app.py"], cwd=cwd, env=repo.env(),
                               capture_output=True, text=True, timeout=300)
            codes.append(r.returncode)
        return codes

    with ThreadPoolExecutor(2) as pool:
        codes = [c for cs in pool.map(hook_runs, [repo.path, second]) for c in cs]
    log = repo.path / ".git" / "railguard" / "audit.jsonl"
    lines = log.read_bytes().splitlines() if log.exists() else []
    verify = repo.railguard("audit", "verify")
    expected = 2 * runs
    return {"expected": expected, "written": len(lines), "lost": expected - len(lines),
            "blocked_runs": codes.count(1), "verify_ok": verify.returncode == 0,
            "verify_output": (verify.stdout + verify.stderr).strip()}
