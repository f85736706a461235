"""Language server latency, as an editor sees it: `python bench/lsp_latency.py`.

Starts `railguard lsp` over stdio (and `ruff server` on the same files in the same run,
when ruff is installed), opens a 2,000-line and a 10,000-line Python file, applies 200
edits to each (one at a time, the server's debounce set to 0) and prints p50/p95/max from
each didChange to the publishDiagnostics of that version; the time from process start to
the first diagnostics; and peak RSS with 50 open documents.

Real files next to the synthetic ones: the modules of the installed Python standard library
and site-packages nearest to 2,600 and 5,000 lines (argparse.py, ...), leaving out
generated files (railguard skips them by default) and modules of few functions (data), and
a module of a well-known project at about 11,000 lines that no standard library has
(`--package`, by default pandas 2.2.3's `pandas/core/frame.py`, 12.7k lines, one huge class:
its wheel is downloaded by name and version with pip into ~/.cache/railguard-bench/lsp, outside
the repository); `--file PATH` adds any other module. They are sent to the servers as open
buffers; nothing is copied into the repository. Their
edits insert a statement with a finding (`value = eval(text)`) before a statement inside a
function, then delete it.

The client is a minimal JSON-RPC reader on a thread, so that the figures are the server's.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK = '''

class Store{n}:
    """Keeps items {n} in memory."""

    def __init__(self, path):
        self.path = path
        self.items = {{}}

    def load(self, fh):
        data = yaml.{loader}(fh)
        for key, value in data.items():
            self.items[key] = value
        return len(self.items)

    def get(self, key, default=None):
        return self.items.get(key, default)


def helper_{n}(values):
    total = 0
    for v in values:
        if v % 3 == 0:
            total += v * 2
        else:
            total -= 1
    return total
'''


def python_file(lines: int) -> str:
    parts = ['"""A generated module for the latency benchmark."""\nimport os\nimport yaml\n']
    n = 0
    while sum(p.count("\n") for p in parts) < lines:
        # one block in ten has a finding: about one per 270 lines, as in real code
        parts.append(BLOCK.format(n=n, loader="load" if n % 10 == 0 else "safe_load"))
        n += 1
    text = "".join(parts)
    return "\n".join(text.split("\n")[:lines]) + "\n"


@dataclass
class Server:
    name: str
    command: list[str]
    init_options: dict
    proc: subprocess.Popen | None = None
    started: float = 0.0
    inbox: queue.Queue = field(default_factory=queue.Queue)
    ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def start(self, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=cwd, env=env)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(out.read(length))
            self.inbox.put((time.perf_counter(), message))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def request(self, method: str, params: dict) -> dict:
        rid = next(self.ids)
        self.send({"id": rid, "method": method, "params": params})
        while True:
            _, msg = self.inbox.get(timeout=60)
            if msg.get("id") == rid and "method" not in msg:
                return msg
            self._answer(msg)

    def _answer(self, msg: dict) -> None:
        """Reply to the server's own requests (configuration, registrations)."""
        if "id" in msg and "method" in msg:
            result = None
            if msg["method"] == "workspace/configuration":
                result = [self.init_options for _ in msg["params"]["items"]]
            self.send({"id": msg["id"], "result": result})

    def wait_publish(self, uri: str, version: int | None, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        while True:
            at, msg = self.inbox.get(timeout=max(0.01, deadline - time.perf_counter()))
            self._answer(msg)
            if msg.get("method") == "textDocument/publishDiagnostics":
                p = msg["params"]
                if p["uri"] == uri and (version is None or p.get("version") in (version, None)):
                    return at

    def initialize(self, folder: Path) -> None:
        caps = {"workspace": {"configuration": True, "workspaceFolders": True},
                "textDocument": {"publishDiagnostics": {"versionSupport": True},
                                 "synchronization": {"didSave": True}}}
        self.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(),
                                    "workspaceFolders": [{"uri": folder.as_uri(), "name": folder.name}],
                                    "capabilities": caps, "initializationOptions": self.init_options})
        self.send({"method": "initialized", "params": {}})

    def open(self, uri: str, text: str) -> None:
        self.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": text}}})

    def change(self, uri: str, version: int, line: int, start: int, end: int, text: str) -> None:
        self.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": start},
                                          "end": {"line": line, "character": end}}, "text": text}]}})

    def change_range(self, uri: str, version: int, start: tuple[int, int], end: tuple[int, int],
                     text: str) -> None:
        self.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": start[0], "character": start[1]},
                                          "end": {"line": end[0], "character": end[1]}}, "text": text}]}})

    def peak_rss_mb(self) -> float:
        with open(f"/proc/{self.proc.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        try:
            self.request("shutdown", {})
            self.send({"method": "exit"})
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


def edit_latencies(server: Server, uri: str, text: str, edits: int) -> list[float]:
    """Type and delete characters over the file; every 10th edit toggles a finding."""
    lines = text.split("\n")
    load_lines = [i for i, line in enumerate(lines) if "yaml.load(fh)" in line or "yaml.safe_load(fh)" in line]
    times: list[float] = []
    version = 1
    for i in range(edits):
        version += 1
        if i % 10 == 0:
            n = load_lines[(i // 10) % len(load_lines)]
            col = lines[n].index("yaml.") + 5
            if lines[n][col:].startswith("load"):
                server.change(uri, version, n, col, col + 4, "safe_load")
                lines[n] = lines[n][:col] + "safe_load" + lines[n][col + 4:]
            else:
                server.change(uri, version, n, col, col + 9, "load")
                lines[n] = lines[n][:col] + "load" + lines[n][col + 9:]
        else:
            n = (i * 37) % (len(lines) - 1)
            end = len(lines[n])
            if i % 2:
                server.change(uri, version, n, end, end, "x")
                lines[n] += "x"
            elif lines[n].endswith("x"):
                server.change(uri, version, n, end - 1, end, "")
                lines[n] = lines[n][:-1]
            else:
                server.change(uri, version, n, end, end, " ")
                lines[n] += " "
        sent = time.perf_counter()
        times.append((server.wait_publish(uri, version) - sent) * 1000)
    return times


SKIP_PARTS = {"test", "tests", "site-packages", "dist-packages", "idlelib", "lib2to3", "pydoc_data"}


def real_files(targets: list[int]) -> list[Path]:
    """For each target line count, the installed module nearest to it (each file once)."""
    from railguard.engine.policy import content_exclude_reason

    tiers: list[dict[Path, int]] = []
    for key in ("stdlib", "purelib"):  # the standard library first, installed packages when it has none near
        base = Path(sysconfig.get_paths()[key])
        tier: dict[Path, int] = {}
        for path in base.rglob("*.py"):
            parts = path.relative_to(base).parts
            if (key == "stdlib" and SKIP_PARTS.intersection(parts)) or "test" in parts or "tests" in parts \
                    or "vendor" in parts or "_vendor" in parts:
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            lines = data.count(b"\n")
            if lines < 1500 or data.count(b"def ") < 50 or content_exclude_reason(str(path), data):
                continue
            tier[path] = lines
        tiers.append(tier)
    chosen: list[Path] = []
    for target in targets:
        for tier in tiers:
            left = [p for p in tier if p not in chosen]
            best = min(left, key=lambda p: abs(tier[p] - target)) if left else None
            if best is not None and abs(tier[best] - target) <= target // 4:
                chosen.append(best)
                break
        else:
            every = {p: n for tier in tiers for p, n in tier.items() if p not in chosen}
            if every:
                chosen.append(min(every, key=lambda p: abs(every[p] - target)))
    return chosen


CACHE = Path.home() / ".cache" / "railguard-bench" / "lsp"


def package_file(spec: str) -> Path | None:
    """`name==version:member`: that module of the package's wheel (downloaded once, by name and
    version with pip, into CACHE); None when it cannot be had (offline)."""
    import zipfile

    requirement, _, member = spec.partition(":")
    target = CACHE / requirement.replace("==", "-") / member
    if target.is_file():
        return target
    downloads = CACHE / "_downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q",
                           requirement, "-d", str(downloads)], capture_output=True, text=True)
    name, _, version = requirement.partition("==")
    prefix = f"{name.replace('-', '_')}-{version}-".lower()
    wheels = [w for w in downloads.glob("*.whl") if w.name.lower().startswith(prefix)]
    if done.returncode != 0 or not wheels:
        print(f"note: {requirement} could not be downloaded ({done.stderr.strip()[-200:]}); skipped")
        return None
    with zipfile.ZipFile(wheels[0]) as zf:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(zf.read(member))
    return target


def statement_lines(text: str) -> list[tuple[int, int]]:
    """(0-based line, indentation) of the statements inside function bodies."""
    out: list[tuple[int, int]] = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out += [(stmt.lineno - 1, stmt.col_offset) for stmt in node.body]
    return sorted(set(out))


def real_edit_latencies(server: Server, uri: str, text: str, edits: int) -> list[float]:
    """Insert a line with a finding before a statement inside a function, then delete it."""
    lines = statement_lines(text)
    times: list[float] = []
    version = 1
    line = indent = 0
    for i in range(edits):
        version += 1
        if i % 2 == 0:
            line, indent = lines[(i * 37) % len(lines)]
            server.change(uri, version, line, 0, 0, " " * indent + "value = eval(text)\n")
        else:
            server.change_range(uri, version, (line, 0), (line + 1, 0), "")
        sent = time.perf_counter()
        times.append((server.wait_publish(uri, version) - sent) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_server(server: Server, folder: Path, sizes: list[int], edits: int, open_docs: int,
               real: list[Path]) -> dict:
    results: dict = {"latency": {}, "real": {}}
    server.start(folder)
    server.initialize(folder)
    texts = {n: python_file(n) for n in sizes}
    first_uri = (folder / f"first_{sizes[0]}.py").as_uri()
    server.open(first_uri, texts[sizes[0]])
    results["first"] = server.wait_publish(first_uri, 1) - server.started
    for n in sizes:
        uri = (folder / f"edit_{n}.py").as_uri()
        server.open(uri, texts[n])
        server.wait_publish(uri, 1)
        results["latency"][n] = edit_latencies(server, uri, texts[n], edits)
    for path in real:
        text = path.read_text(encoding="utf-8")
        uri = (folder / f"real_{path.name}").as_uri()
        started = time.perf_counter()
        server.open(uri, text)
        opened = server.wait_publish(uri, 1) - started
        times = real_edit_latencies(server, uri, text, edits)
        results["real"][path] = (text.count("\n"), opened, times, os.getloadavg()[0])
    for i in range(open_docs):
        uri = (folder / f"open_{i}.py").as_uri()
        server.open(uri, texts[sizes[0]])
        server.wait_publish(uri, 1)
    results["rss"] = server.peak_rss_mb()
    server.stop()
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2000,10000")
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--open-docs", type=int, default=50)
    ap.add_argument("--no-ruff", action="store_true")
    ap.add_argument("--real", default="2600,5000",
                    help="line counts of the installed modules to edit too ('' for none)")
    ap.add_argument("--package", action="append", default=None, metavar="NAME==VERSION:MEMBER",
                    help="a module of a package's wheel to edit too (default: "
                         "pandas==2.2.3:pandas/core/frame.py; '' for none)")
    ap.add_argument("--file", action="append", default=[], metavar="PATH",
                    help="another Python module to edit (repeatable; read in place, never copied)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    real = real_files([int(s) for s in args.real.split(",") if s]) + [Path(p) for p in args.file]
    for spec in args.package if args.package is not None else ["pandas==2.2.3:pandas/core/frame.py"]:
        found = package_file(spec) if spec else None
        if found is not None:
            real.append(found)

    servers = [Server("railguard lsp", [sys.executable, "-m", "railguard", "lsp"], {"debounceMs": 0})]
    ruff = shutil.which("ruff")
    if ruff and not args.no_ruff:
        servers.append(Server("ruff server", [ruff, "server"], {}))
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
          f"{args.edits} edits per file, debounce 0")
    print(f"{'server':<14} {'lines':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    summary = []
    for server in servers:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / ".git").mkdir()
            res = run_server(server, folder, sizes, args.edits, args.open_docs, real)
        for n in sizes:
            t = res["latency"][n]
            print(f"{server.name:<14} {n:>6} {statistics.median(t):>8.1f} {percentile(t, 0.95):>8.1f} {max(t):>8.1f}"
                  "  synthetic")
        for path, (n, opened, t, load) in res["real"].items():
            print(f"{server.name:<14} {n:>6} {statistics.median(t):>8.1f} {percentile(t, 0.95):>8.1f} {max(t):>8.1f}"
                  f"  {path.parent.name}/{path.name} (first diagnostics after didOpen {opened:.2f} s; "
                  f"load average {load:.2f})")
        summary.append((server.name, res["first"], res["rss"]))
    for name, first, rss in summary:
        print(f"{name:<14} first diagnostics {first:.2f} s after process start; "
              f"peak RSS {rss:.0f} MB with {args.open_docs} open documents")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
