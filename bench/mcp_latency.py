"""MCP tool latency: `scan_code` on a 2,000-line Python file, called by the MCP SDK's client
over stdio as a coding agent calls it, in one run with two ways to get the same answer.

    python bench/mcp_latency.py [--runs 21]

The file is the first 2,000 lines of this Python's own `argparse.py` (real code, nothing
downloaded), with one line changed per call so that no call repeats the previous one.
Prints, with the load average:
  - the server's start (process start to `initialize` answered) and the first `scan_code`
    (rules loaded, the language's query compiled);
  - `scan_code` after the first call: median, p90, min over the runs;
  - in the same run, a fresh `railguard scan FILE` process (what a per-edit agent hook pays)
    and `ruff check --select S` on the file (a peer linter, when ruff is installed).
"""

from __future__ import annotations

import argparse
import argparse as _argparse_module
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

ROOT = Path(__file__).resolve().parent.parent
LINES = 2000


def source() -> str:
    text = Path(_argparse_module.__file__).read_text("utf-8")
    return "\n".join(text.splitlines()[:LINES]) + "\n"


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("RAILGUARD_", "OTEL_"))}
    out["PYTHONPATH"] = str(ROOT) + os.pathsep + out.get("PYTHONPATH", "")
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def mcp_times(workdir: Path, code: str, runs: int) -> tuple[float, float, list[float], int]:
    params = StdioServerParameters(command=sys.executable, args=["-m", "railguard", "mcp"], cwd=str(workdir),
                                   env=env())
    started = time.perf_counter()
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        ready = time.perf_counter() - started
        t = time.perf_counter()
        first_result = await session.call_tool("scan_code", {"code": code, "path": "big.py"})
        first = time.perf_counter() - t
        assert not first_result.is_error, first_result.content
        times = []
        for i in range(runs):
            edited = code.replace("\n", f"\n# edit {i}\n", 1)
            t = time.perf_counter()
            result = await session.call_tool("scan_code", {"code": edited, "path": "big.py"})
            times.append(time.perf_counter() - t)
            assert not result.is_error, result.content
        findings = len(result.structured_content["findings"])
    return ready, first, times, findings


def process_times(cmd: list[str], workdir: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=workdir, env=env(), capture_output=True, check=False, timeout=300)
        times.append(time.perf_counter() - t)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    code = source()
    with tempfile.TemporaryDirectory(prefix="rg-mcp-bench-") as tmp:
        workdir = Path(tmp)
        (workdir / "big.py").write_text(code)
        ready, first, times, findings = anyio.run(mcp_times, workdir, code, args.runs)
        cli = process_times([sys.executable, "-m", "railguard", "scan", "big.py", "--no-cache", "--format",
                             "concise", "--exit-zero"], workdir, max(3, args.runs // 4))
        ruff = shutil.which("ruff")
        peer = process_times([ruff, "check", "--select", "S", "--no-cache", "--exit-zero", "big.py"], workdir,
                             max(3, args.runs // 4)) if ruff else []
    load = os.getloadavg()
    print(f"scan_code on {LINES:,} lines of {Path(_argparse_module.__file__).name} over MCP stdio "
          f"({args.runs} calls after the first; {findings} findings at the agent threshold)")
    print(f"  server start to initialize answered: {ready * 1000:.0f} ms")
    print(f"  first scan_code (rules loaded, query compiled): {first * 1000:.0f} ms")
    print(f"  scan_code after the first: median {statistics.median(times) * 1000:.1f} ms, "
          f"p90 {pct(times, 0.9) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms")
    print(f"  same run, `railguard scan big.py` as a fresh process: median {statistics.median(cli) * 1000:.0f} ms "
          f"({len(cli)} runs)")
    if peer:
        print(f"  same run, `ruff check --select S big.py`: median {statistics.median(peer) * 1000:.0f} ms "
              f"({len(peer)} runs)")
    print(f"  load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
