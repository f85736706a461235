"""Language server load and chaos: `python bench/lsp_chaos.py --docs 50 --edits 5000 [--seed N]`.

Starts `railguard lsp` over stdio and, from a seeded random generator, opens documents
(Python, JavaScript, Go, Java and YAML rule fixtures: vulnerable and safe code), then sends
incremental edits with random ranges (out-of-range lines and columns, columns in the middle
of a surrogate pair, reversed ranges, CRLF/CR line ends, lone surrogates, whole-document
replacements), saves, closes and re-opens, configuration changes, hovers, and malformed
messages (unknown methods, bad params, bodies that are not JSON-RPC or not JSON at all).

The client keeps its own copy of every document, editing it by the LSP rules (a position
past a line's end is its end, past the last line the document's end, inside a character
its start). At the end the server must be alive and answer a request, every malformed
request must have had an answer, and for every open document the last published
diagnostics (rule id and range) must equal a fresh in-process scan of the client's text
with the same settings. Prints steps, failures and the server's peak RSS (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lsprotocol import types  # noqa: E402

from tests.e2e.lsp_client import capabilities, config, send_raw, start  # noqa: E402

LANGUAGES = {".py": "python", ".js": "javascript", ".go": "go", ".java": "java", ".yml": "yaml", ".yaml": "yaml"}
FIXTURE_PATH = "railguard-fixture-path:"
SNIPPETS = [
    "yaml.load(data)\n", "eval(request.args['q'])\n", "subprocess.run(cmd, shell=True)\n",
    "import pickle\npickle.loads(blob)\n", "x = 1\n", "def f(a):\n    return os.system(a)\n",
    "document.body.innerHTML = location.hash;\n", "child_process.exec(req.query.cmd);\n",
    "exec.Command(\"sh\", \"-c\", input)\n", "md5.New()\n",
    "Runtime.getRuntime().exec(cmd);\n", "MessageDigest.getInstance(\"MD5\");\n",
    "run: echo ${{ github.event.issue.title }}\n", "permissions: write-all\n",
    "password = \"hunter2hunter2\"\n", "# railguard: ignore[python.yaml-load] test\n",
    "(((", ")))", "{", "}", "'", '"', "`", "\\", "\t", " ", "", "", "",
    "\n", "\r\n", "\r", "\r\n\r\n", "\u202e", "\u200b", "\ufeff", "\U000e0041",
    "\U0001f600", "\U0001d518x", "é", "日本語", "\ud800", "\udfff", "\udc85", "\x00",
]
SETTINGS = [
    {"severity": "low"}, {"severity": "medium"}, {"severity": "high"}, {"severity": "critical"},
    {"confidence": "high"}, {"confidence": "low"}, {"severity": "bogus"}, {"debounceMs": 0},
    {"debounceMs": 25}, {"debounceMs": "fast"}, {"scanOn": "save"}, {"scanOn": "sometimes"}, {},
]


# ------------------------------------------------------------------ the client's text model


def wire(text: str) -> str:
    """Text as the server receives it (JSON joins an escaped surrogate pair into one character)."""
    return json.loads(json.dumps(text))


def lines_of(text: str) -> list[tuple[int, int]]:
    """(start, end of content) of every line; \\n, \\r\\n and a lone \\r end a line."""
    out = []
    start = i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" or ch == "\r":
            out.append((start, i))
            i += 2 if ch == "\r" and i + 1 < n and text[i + 1] == "\n" else 1
            start = i
        else:
            i += 1
    out.append((start, n))
    return out


def index_at(text: str, line: int, character: int) -> int:
    """The string index of an LSP position (UTF-16 units), clamped like an editor does."""
    spans = lines_of(text)
    if line >= len(spans):
        return len(text)
    start, end = spans[line]
    seen = 0
    for i in range(start, end):
        width = 2 if ord(text[i]) > 0xFFFF else 1
        if seen + width > character:
            return i
        seen += width
    return end


def apply_change(text: str, start: tuple[int, int], end: tuple[int, int], new: str) -> str:
    s, e = index_at(text, *start), index_at(text, *end)
    if e < s:
        s, e = e, s
    return text[:s] + new + text[e:]


def utf16_len(line: str) -> int:
    return len(line) + sum(1 for ch in line if ord(ch) > 0xFFFF)


# ------------------------------------------------------------------ documents


@dataclass
class Doc:
    uri: str
    path: Path
    language_id: str
    text: str
    version: int = 1
    open: bool = False


def fixture_sources() -> list[tuple[str, str, str]]:
    """(relative path to open it as, languageId, text) of the rule fixtures in the five languages."""
    from railguard.rules.loader import BUNDLED_DIR

    out = []
    for p in sorted(BUNDLED_DIR.rglob("fixtures/*")):
        if not p.is_file() or p.suffix not in LANGUAGES:
            continue
        text = p.read_text(encoding="utf-8", errors="replace")
        virtual = next((line.split(FIXTURE_PATH, 1)[1].strip() for line in text.splitlines()[:3]
                        if FIXTURE_PATH in line), p.name)
        out.append((virtual, LANGUAGES[p.suffix], text))
    return out


def make_docs(root: Path, n: int, rng: random.Random) -> list[Doc]:
    sources = fixture_sources()
    by_language: dict[str, list[tuple[str, str, str]]] = {}
    for s in sources:
        by_language.setdefault(s[1], []).append(s)
    languages = sorted(by_language)
    docs = []
    for i in range(n):
        virtual, language_id, text = rng.choice(by_language[languages[i % len(languages)]])
        vp = Path(virtual)
        path = root / vp.parent / f"c{i:03d}{vp.suffix}" if str(vp.parent) != "." else root / f"d{i:03d}" / vp.name
        docs.append(Doc(path.as_uri(), path, language_id, text))
    return docs


# ------------------------------------------------------------------ random operations


def random_position(doc: Doc, rng: random.Random) -> tuple[int, int]:
    spans = lines_of(doc.text)
    roll = rng.random()
    if roll < 0.05:  # past the last line
        return len(spans) + rng.randint(0, 1000), rng.randint(0, 50)
    line = rng.randrange(len(spans))
    s, e = spans[line]
    width = utf16_len(doc.text[s:e])
    if roll < 0.12:  # past the line's end
        return line, width + rng.randint(1, 10_000)
    if roll < 0.2:  # the middle of a surrogate pair, if the line has one
        cols, seen = [], 0
        for ch in doc.text[s:e]:
            if ord(ch) > 0xFFFF:
                cols.append(seen + 1)
            seen += 2 if ord(ch) > 0xFFFF else 1
        if cols:
            return line, rng.choice(cols)
    return line, rng.randint(0, width)


def random_text(rng: random.Random) -> str:
    return wire("".join(rng.choice(SNIPPETS) for _ in range(rng.choice((0, 1, 1, 1, 2, 3, 6)))))


def random_range(doc: Doc, rng: random.Random) -> tuple[tuple[int, int], tuple[int, int]]:
    a = random_position(doc, rng)
    if rng.random() < 0.4:
        return a, a
    b = (a[0] + rng.randint(0, 3), rng.randint(0, 80)) if rng.random() < 0.8 else random_position(doc, rng)
    return a, b  # sometimes reversed: the server orders them


@dataclass
class Chaos:
    client: Any
    root: Path
    docs: list[Doc]
    rng: random.Random
    settings: dict[str, Any] = field(default_factory=dict)
    steps: int = 0
    edits: int = 0
    failures: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    next_id: int = 0

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    def open(self, doc: Doc) -> None:
        doc.version += 1
        doc.open = True
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=doc.uri, language_id=doc.language_id, version=doc.version, text=doc.text)))

    def edit(self, doc: Doc) -> None:
        changes: list[Any] = []
        for _ in range(self.rng.choice((1, 1, 1, 2, 4))):
            if self.rng.random() < 0.02:
                text = random_text(self.rng) * self.rng.randint(1, 30)
                changes.append(types.TextDocumentContentChangeWholeDocument(text=text))
                doc.text = text
                continue
            (a, b), new = random_range(doc, self.rng), random_text(self.rng)
            changes.append(types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(*a), types.Position(*b)), text=new))
            doc.text = apply_change(doc.text, a, b, new)
        doc.version += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version), changes))
        self.edits += 1

    async def request(self, method: Any, params: Any, what: str, timeout: float) -> Any:
        """A raw request; a missing answer is a failure (the client would hang)."""
        self.next_id += 1
        rid = f"chaos-{self.next_id}"
        reply = asyncio.get_running_loop().create_future()
        self.client.protocol._request_futures[rid] = reply
        send_raw(self.client, {"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        try:
            return await asyncio.wait_for(reply, timeout)
        except asyncio.TimeoutError:
            self.failures.append(f"step {self.steps}: no answer to {what} within {timeout:g} s")
        except Exception as exc:  # an error answer is an answer
            return exc
        return None

    async def malformed(self, timeout: float) -> None:
        doc = self.rng.choice(self.docs)
        kind = self.rng.randrange(8)
        self.count(f"malformed-{kind}")
        if kind == 0:
            method = self.rng.choice(["railguard/noSuchMethod", 7, ""])
            await self.request(method, {"x": 1}, f"a request for method {method!r}", timeout)
        elif kind == 1:
            await self.request("textDocument/hover", {"textDocument": 5, "position": "here"},
                               "a hover with bad params", timeout)
        elif kind == 2:
            await self.request("textDocument/codeAction", {"textDocument": {"uri": doc.uri},
                                                           "context": {"diagnostics": [{}]}},
                               "a code action with bad params", timeout)
        elif kind == 3:  # not JSON
            body = self.rng.choice([b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b"null", b'"text"'])
            self.client.protocol.writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        elif kind == 4:  # JSON, not JSON-RPC
            send_raw(self.client, self.rng.choice([{"hello": "world"}, {"jsonrpc": "2.0"}, {"id": 7},
                                                   {"jsonrpc": "2.0", "method": 5, "params": []}]))
        elif kind == 5:  # notifications with bad params
            send_raw(self.client, self.rng.choice([
                {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": None},
                {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 1}}},
                {"jsonrpc": "2.0", "method": "textDocument/didChange",
                 "params": {"textDocument": {"uri": doc.uri, "version": "x"}, "contentChanges": [{"range": 1}]}},
                {"jsonrpc": "2.0", "method": "$/unknownNotification", "params": {}},
                {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": [1]}},
            ]))
        elif kind == 6:  # a response to a request that was never made
            send_raw(self.client, {"jsonrpc": "2.0", "id": 987654, "result": {"x": 1}})
        else:  # a change for a document that is not open
            ghost = self.root / "ghost.py"
            send_raw(self.client, {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": ghost.as_uri(), "version": 3},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                              "end": {"line": 0, "character": 0}}, "text": "x"}]}})

    async def hover(self, doc: Doc, timeout: float) -> None:
        line, character = random_position(doc, self.rng)
        uri = doc.uri if doc.open else (self.root / "closed.py").as_uri()
        await self.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": line, "character": character}},
                           "a hover", timeout)

    def change_configuration(self) -> None:
        self.settings = dict(self.rng.choice(SETTINGS))
        if self.rng.random() < 0.5:
            self.settings.update(self.rng.choice(SETTINGS))
        self.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"railguard": self.settings}))

    async def step(self, timeout: float) -> None:
        self.steps += 1
        doc = self.rng.choice(self.docs)
        roll = self.rng.random()
        if not doc.open:
            self.open(doc)
            self.count("reopen")
        elif roll < 0.01:
            self.client.text_document_did_close(types.DidCloseTextDocumentParams(
                types.TextDocumentIdentifier(uri=doc.uri)))
            doc.open = False
            self.count("close")
        elif roll < 0.04:
            self.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=doc.uri)))
            self.count("save")
        elif roll < 0.045:
            self.change_configuration()
            self.count("configuration")
        elif roll < 0.06:
            await self.malformed(timeout)
        elif roll < 0.07:
            await self.hover(doc, timeout)
            self.count("hover")
        else:
            self.edit(doc)
            self.count("edit")


# ------------------------------------------------------------------ the check


def capture_stderr(client: Any) -> list[str]:
    """Keep the server's stderr (tracebacks of malformed messages) out of the report."""
    for name in ("pytest_lsp", "pygls"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    lines: list[str] = []
    if client._stderr_forwarder is not None:
        client._stderr_forwarder.cancel()

    async def keep() -> None:
        while line := await client._server.stderr.readline():
            lines.append(line.decode("utf-8", "replace"))
            del lines[:-200]

    client._stderr_forwarder = asyncio.get_running_loop().create_task(keep())
    return lines


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


_REFERENCE: dict[str, tuple[Any, Any]] = {}


def reference(root: Path, settings: dict[str, Any], init_options: dict[str, Any]) -> tuple[Any, Any]:
    """A folder resolved with these settings, and a fresh engine of its config (kept per settings)."""
    from railguard.engine.engine import Engine
    from railguard.lsp_server.settings import Folder

    key = json.dumps([str(root), settings, init_options], sort_keys=True)
    if key not in _REFERENCE:
        folder = Folder(root=root, uri=root.as_uri(), client_settings={"railguard": settings})
        folder.load(init_options)
        _REFERENCE[key] = (folder, Engine(folder.config))
    return _REFERENCE[key]


def expected_diagnostics(root: Path, docs: list[Doc], settings: dict[str, Any],
                         init_options: dict[str, Any]) -> dict[str, list[tuple]]:
    """What a fresh scan of each open document's text reports, as the server converts it."""
    from railguard.engine.document import Document
    from railguard.lsp_server.buffer import Buffer
    from railguard.lsp_server.convert import lsp_range, range_list

    folder, engine = reference(root, settings, init_options)
    out = {}
    for doc in docs:
        if not doc.open:
            continue
        buf = Buffer(doc.uri, folder.display_path(doc.path), doc.text, doc.version, doc.language_id)
        result = engine.scan_document(Document(buf.path, buf.data, buf.language), "editor")
        findings = folder.policy.select_findings(result.findings, folder.threshold, folder.baseline)
        out[doc.uri] = sorted((f.rule_id, *range_list(lsp_range(buf, f.range.start_byte, f.range.end_byte)))
                              for f in findings)
    return out


def published(p: types.PublishDiagnosticsParams) -> list[tuple]:
    return sorted((str(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in p.diagnostics)


async def settle(client: Any, chaos: Chaos, timeout: float) -> None:
    """Wait until every open document's final version is published and nothing more comes."""
    deadline = time.monotonic() + timeout
    for doc in chaos.docs:  # a hover is answered once the current version's scan was delivered
        if doc.open:
            await chaos.hover(doc, timeout)
    seen, quiet_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        n = len(client.published)
        if n != seen:
            seen, quiet_since = n, time.monotonic()
        last = last_publish(client)
        done = all(doc.uri in last and last[doc.uri].version == doc.version for doc in chaos.docs if doc.open)
        if done and time.monotonic() - quiet_since > 1.0:
            return
        await asyncio.sleep(0.05)


def last_publish(client: Any) -> dict[str, types.PublishDiagnosticsParams]:
    last = {}
    for p in client.published:
        last[p.uri] = p
    return last


def compare(chaos: Chaos, expected: dict[str, list[tuple]], label: str) -> int:
    """Each open document's last publish against the fresh scan; returns the diagnostics compared."""
    last = last_publish(chaos.client)
    for doc in chaos.docs:
        if not doc.open:
            continue
        got = last.get(doc.uri)
        if got is None or got.version != doc.version:
            chaos.failures.append(f"{label}{doc.path.name}: last publish is for version "
                                  f"{got.version if got else None}, the document is at {doc.version}")
        elif published(got) != expected[doc.uri]:
            chaos.failures.append(f"{label}{doc.path.name} v{doc.version}: published {published(got)} "
                                  f"but a fresh scan gives {expected[doc.uri]}")
    return sum(len(v) for v in expected.values())


async def run_async(docs: int, edits: int, seed: int, workdir: Path, timeout: float = 60.0,
                    checkpoints: int = 0) -> dict[str, Any]:
    rng = random.Random(seed)
    root = workdir / "chaos"
    (root / ".git").mkdir(parents=True, exist_ok=True)
    init_options = {"debounceMs": 0}
    cfg = config()
    client = cfg.client_factory()
    await client.start_io(*cfg.server_command, env=cfg.server_env)
    stderr = capture_stderr(client)
    pid = client._server.pid
    started = time.monotonic()
    chaos = Chaos(client, root, make_docs(root, docs, rng), rng)
    try:
        await start(client, [root], caps=capabilities(configuration=False, watched_files=False),
                    init_options=init_options)
        for doc in chaos.docs:
            chaos.open(doc)
        marks = [edits * k // (checkpoints + 1) for k in range(1, checkpoints + 1)]
        compared = 0
        while chaos.edits < edits:
            await chaos.step(timeout)
            if chaos.steps % 50 == 0:
                await asyncio.sleep(0)  # let the writer drain
            if marks and chaos.edits >= marks[0]:  # mid-run: a wrong state that later heals shows too
                marks.pop(0)
                await settle(client, chaos, timeout * 3)
                compared += compare(chaos, expected_diagnostics(root, chaos.docs, chaos.settings, init_options),
                                    f"checkpoint at edit {chaos.edits}: ")
        if rng.random() < 0.5:  # back to the defaults: every document is scanned again with them
            chaos.settings = {}
            client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"railguard": {}}))
        await settle(client, chaos, timeout * 3)
        alive = client._server.returncode is None
        answer = await chaos.request("textDocument/hover", {
            "textDocument": {"uri": chaos.docs[0].uri}, "position": {"line": 0, "character": 0}},
            "the final hover", timeout) if alive else None
        answered = alive and not isinstance(answer, Exception)
        if not answered:
            chaos.failures.append(f"the server did not answer a request at the end (alive: {alive})")
        rss = peak_rss_mb(pid)
        expected = expected_diagnostics(root, chaos.docs, chaos.settings, init_options)
        compared += compare(chaos, expected, "")
        if chaos.failures:
            chaos.failures.append("server stderr, last lines:\n" + "".join(stderr[-40:]))
        errors = [m.message for m in client.log_messages if "internal error" in m.message or "scan failed" in m.message]
        chaos.failures += [f"server logged: {m}" for m in errors[:20]]
        return {
            "seed": seed, "docs": docs, "edits": chaos.edits, "steps": chaos.steps, "failures": chaos.failures,
            "alive": alive, "answered": answered, "peak_rss_mb": rss, "seconds": time.monotonic() - started,
            "open_docs": sum(d.open for d in chaos.docs), "counts": dict(sorted(chaos.counts.items())),
            "diagnostics": sum(len(v) for v in expected.values()), "checkpoints": checkpoints,
            "diagnostics_compared": compared,
        }
    finally:
        if client._server is not None and client._server.returncode is None:
            try:
                await asyncio.wait_for(client.shutdown_session(), 15)
            except Exception:
                client._server.kill()


def run(docs: int = 50, edits: int = 5000, seed: int | None = None, workdir: Path | None = None,
        timeout: float = 60.0, checkpoints: int = 3) -> dict[str, Any]:
    """One chaos run; returns steps, failures (a list of messages), peak RSS and more.
    `checkpoints`: also compare every document this many times during the run."""
    import tempfile

    seed = random.randrange(1 << 30) if seed is None else seed
    if workdir is not None:
        return asyncio.run(run_async(docs, edits, seed, workdir, timeout, checkpoints))
    with tempfile.TemporaryDirectory() as tmp:
        return asyncio.run(run_async(docs, edits, seed, Path(tmp), timeout, checkpoints))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--edits", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--checkpoints", type=int, default=3, help="comparisons during the run (default 3)")
    args = ap.parse_args()
    seed = random.randrange(1 << 30) if args.seed is None else args.seed
    print(f"seed {seed} (repeat with --seed {seed})", flush=True)
    r = run(args.docs, args.edits, seed, checkpoints=args.checkpoints)
    print(f"documents {r['docs']} ({r['open_docs']} open at the end), edits {r['edits']}, steps {r['steps']}, "
          f"{r['seconds']:.1f} s")
    print("operations: " + ", ".join(f"{k} {v}" for k, v in r["counts"].items()))
    print(f"diagnostics compared: {r['diagnostics_compared']} ({r['diagnostics']} at the end, "
          f"{r['checkpoints']} checkpoints before); server alive: {r['alive']}, answered: {r['answered']}")
    print(f"peak RSS of the server: {r['peak_rss_mb']:.0f} MB")
    print(f"failures: {len(r['failures'])}")
    for f in r["failures"][:50]:
        print("  " + f)
    return 1 if r["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
