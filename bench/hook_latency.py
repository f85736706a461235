"""Commit-hook latency: railguard's hooks vs detect-secrets-hook and bandit, in one run.

    python bench/hook_latency.py [--runs 9]

Builds a temporary git repository with 10 staged Python files (about 120 lines each) and
times, interleaved so that machine load hits every tool alike:
  - `pre-commit run <hook>` for railguard (all analyzers), railguard-secrets, local
    detect-secrets-hook and bandit hooks, and a no-op hook (the framework's own floor);
  - `railguard hook --staged` alone, a fresh process each time (cold), with the parsed-rule
    cache warm (every run after the first) and without it (RAILGUARD_NO_RULE_CACHE=1);
  - `railguard hook --staged` answered by the opt-in resident process (`railguard daemon`,
    RAILGUARD_RESIDENT=1), started before the runs and stopped after them;
  - `python -c pass`, the interpreter's own start.
Prints medians and ratios. Bytecode caching is on, as in an installed environment.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = '''"""Module {n}: request handlers and helpers."""

import json
import logging
import os
import resource
import subprocess
from pathlib import Path

LOG = logging.getLogger(__name__)
BASE = Path(os.environ.get("APP_BASE", "/srv/app"))


class Store{n}:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: dict[str, dict] = {{}}

    def load(self, name: str) -> dict:
        path = self.root / f"{{name}}.json"
        with path.open() as fh:
            data = json.load(fh)
        self.items[name] = data
        return data

    def save(self, name: str, data: dict) -> None:
        path = self.root / f"{{name}}.json"
        path.write_text(json.dumps(data, indent=2))
        self.items[name] = data

'''

FUNC = '''
def handler_{n}_{i}(request: dict, store: Store{n}) -> dict:
    """Handle one request of kind {i}."""
    name = str(request.get("name", "default"))
    if not name.isidentifier():
        LOG.warning("bad name %r", name)
        return {{"ok": False, "error": "bad name"}}
    data = store.load(name)
    total = sum(int(v) for v in data.get("values", []) if str(v).isdigit())
    result = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    return {{"ok": True, "total": total, "rev": result.stdout.strip(), "kind": {i}}}
'''


def source_file(n: int) -> str:
    return TEMPLATE.format(n=n) + "".join(FUNC.format(n=n, i=i) for i in range(8))


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def make_repo(folder: Path) -> Path:
    repo = folder / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "bench@example.com")
    git(repo, "config", "user.name", "Bench")
    (repo / "README.md").write_text("bench\n")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "init")
    py = sys.executable
    bindir = Path(py).parent
    hooks = {
        "railguard": f"{py} -m railguard hook",
        "railguard-secrets": f"{py} -m railguard hook --analyzers secrets",
        "detect-secrets": str(bindir / "detect-secrets-hook"),
        "bandit": f"{bindir / 'bandit'} -q -ll",  # report medium and up: exit 0 on this corpus
        "noop": "true",
    }
    lines = ["repos:", "  - repo: local", "    hooks:"]
    for hook_id, entry in hooks.items():
        lines += [f"      - id: {hook_id}", f"        name: {hook_id}", f"        entry: {json.dumps(entry)}",
                  "        language: system", "        types: [python]", "        require_serial: true"]
    (repo / ".pre-commit-config.yaml").write_text("\n".join(lines) + "\n")
    for n in range(10):
        (repo / f"module_{n}.py").write_text(source_file(n))
    git(repo, "add", ".")
    return repo


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the process and everything it waited for, exit code)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, p.returncode


def daemon_status(repo: Path, env: dict[str, str]) -> tuple[int, float]:
    """(commits served, CPU seconds used) by the resident process, from `railguard daemon status`."""
    out = subprocess.run([sys.executable, "-m", "railguard", "daemon", "status"], cwd=repo, env=env,
                         capture_output=True, text=True).stdout
    served = cpu = 0.0
    for line in out.splitlines():
        if "commit(s) served" in line:
            served += int(line.split(" commit(s) served")[0].rsplit(" ", 1)[1])
            cpu += float(line.split(", CPU ")[1].split(" s")[0])
    return int(served), cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    for tool in ("detect-secrets-hook", "bandit"):
        if not (Path(sys.executable).parent / tool).exists():
            sys.exit(f"{tool} is not installed next to {sys.executable}: pip install detect-secrets bandit")

    tmp = Path(tempfile.mkdtemp(prefix="railguard-hook-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "RAILGUARD_NO_RULE_CACHE")}
    env.update(PYTHONPATH=str(ROOT), NO_COLOR="1", RAILGUARD_CACHE_DIR=str(tmp / "rg-cache"),
               PRE_COMMIT_HOME=str(tmp / "pc-home"), RAILGUARD_RESIDENT="0")
    resident_env = {**env, "RAILGUARD_RESIDENT": "1", "XDG_RUNTIME_DIR": str(tmp / "run")}
    (tmp / "run").mkdir(mode=0o700)
    try:
        repo = make_repo(tmp)
        started = subprocess.run([sys.executable, "-m", "railguard", "daemon", "start"], cwd=repo, env=resident_env,
                                 capture_output=True, text=True)
        if started.returncode != 0:
            sys.exit(f"railguard daemon start failed: {started.stdout}{started.stderr}")
        pc = [sys.executable, "-m", "pre_commit", "run"]
        from railguard.engine.analyzers.base import ANALYZERS

        cases: dict[str, tuple[list[str], dict[str, str]]] = {
            "python -c pass (interpreter start)": ([sys.executable, "-c", "pass"], env),
            "railguard hook --staged (cold process)": ([sys.executable, "-m", "railguard", "hook", "--staged"], env),
            "railguard hook --staged (resident process)": (
                [sys.executable, "-m", "railguard", "hook", "--staged"], resident_env),
            "railguard hook --staged (no rule cache)": (
                [sys.executable, "-m", "railguard", "hook", "--staged"], {**env, "RAILGUARD_NO_RULE_CACHE": "1"}),
            "pre-commit run noop (framework floor)": ([*pc, "noop"], env),
            "pre-commit run railguard": ([*pc, "railguard"], env),
            "pre-commit run detect-secrets-hook": ([*pc, "detect-secrets"], env),
            "pre-commit run bandit": ([*pc, "bandit"], env),
        }
        if "secrets" in ANALYZERS:
            cases["pre-commit run railguard-secrets"] = ([*pc, "railguard-secrets"], env)
        times: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        for name, (cmd, case_env) in cases.items():  # warm-up: bytecode, rule cache, pre-commit's store
            _, _, rc = timed(cmd, repo, case_env)
            if rc != 0:  # the corpus is clean: any failure means the case measures the wrong thing
                sys.exit(f"{name} exited {rc}: check the tool (its output is not kept)")
        load_before = os.getloadavg()[0]
        _, cpu_before = daemon_status(repo, resident_env)
        for _ in range(args.runs):
            for name, (cmd, case_env) in cases.items():
                wall, used, _ = timed(cmd, repo, case_env)
                times[name].append(wall)
                cpu[name].append(used)
        served, daemon_cpu = daemon_status(repo, resident_env)
        if served < args.runs + 1:  # a fallback to the cold path would be measured as "resident"
            sys.exit(f"the resident process served {served} of {args.runs + 1} runs")
        daemon_cpu = (daemon_cpu - cpu_before) / args.runs
        med = {name: statistics.median(v) for name, v in times.items()}
        med_cpu = {name: statistics.median(v) for name, v in cpu.items()}
        print(f"10 staged Python files, {sum(len(source_file(n).splitlines()) for n in range(10))} lines; "
              f"median of {args.runs} runs; load average {load_before:.2f} before, "
              f"{os.getloadavg()[0]:.2f} after, on {os.cpu_count()} cores")
        print(f"  {'':45} {'wall s':>7} {'CPU s':>7}  wall min-max")
        for name, value in med.items():
            print(f"  {name:45} {value:7.3f} {med_cpu[name]:7.3f}  {min(times[name]):.3f}-{max(times[name]):.3f}")
        rg = med["pre-commit run railguard"]
        print("ratios (same run):")
        print(f"  railguard / detect-secrets-hook under pre-commit: {rg / med['pre-commit run detect-secrets-hook']:.2f}")
        print(f"  railguard / bandit under pre-commit:              {rg / med['pre-commit run bandit']:.2f}")
        floor = med["pre-commit run noop (framework floor)"]
        print(f"  above the framework floor: railguard {rg - floor:.3f} s, detect-secrets-hook "
              f"{med['pre-commit run detect-secrets-hook'] - floor:.3f} s, bandit {med['pre-commit run bandit'] - floor:.3f} s")
        hook = med["railguard hook --staged (cold process)"]
        print(f"  railguard hook --staged: {hook:.3f} s wall (target <= 0.25 s), "
              f"{hook - med['python -c pass (interpreter start)']:.3f} s above the interpreter's own start; "
              f"CPU {med_cpu['railguard hook --staged (cold process)']:.3f} s")
        resident = med["railguard hook --staged (resident process)"]
        print(f"  cold vs resident: {hook:.3f} s vs {resident:.3f} s wall (detect-secrets-hook under pre-commit "
              f"{med['pre-commit run detect-secrets-hook']:.3f} s, above the floor "
              f"{med['pre-commit run detect-secrets-hook'] - floor:.3f} s); client CPU "
              f"{med_cpu['railguard hook --staged (resident process)']:.3f} s, the daemon's {daemon_cpu:.3f} s "
              "per commit (mean)")
        print(f"  CPU, railguard / detect-secrets-hook: "
              f"{med_cpu['pre-commit run railguard'] / med_cpu['pre-commit run detect-secrets-hook']:.2f}, "
              f"railguard / bandit: {med_cpu['pre-commit run railguard'] / med_cpu['pre-commit run bandit']:.2f}")
    finally:
        subprocess.run([sys.executable, "-m", "railguard", "daemon", "stop"], env=resident_env, capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
