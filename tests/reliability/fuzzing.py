"""What the engine is fuzzed with, shared by the bounded test (test_engine_fuzz.py) and the
long run (bench/fuzz.py): file paths of every supported language and config format, hostile
characters, hypothesis strategies that build (path, bytes) cases, and the check every case
must pass."""

from __future__ import annotations

import time
from functools import lru_cache

from hypothesis import strategies as st

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.rules.loader import BUNDLED_DIR

PATHS = ["a.py", "b.js", "c.ts", "d.tsx", "E.java", "f.go", "g.yaml", "h.json", "Dockerfile", ".env",
         "CLAUDE.md", ".claude/settings.json", ".mcp.json", "requirements.txt", "package.json",
         ".github/workflows/ci.yml", "pyproject.toml", "notes.txt", "run.sh", "setup.cfg", "Makefile",
         ".cursorrules", "main.tf", "app.properties"]
SPECIAL = ["\u202e", "\u2066", "\u200b", "\u200d", "\U000e0041", "\U000e007f", "\ufeff", "\x00", "\r", "\r\n",
           "\ud800", "(" * 50, "[" * 50, "{" * 50, "sk-proj-", "AKIA", "ghp_", "-----BEGIN RSA PRIVATE KEY-----",
           "eval(", "yaml.load(", "subprocess.run(", "@app.route('/x')", "request.args['q']", "f\"{x}\"",
           "\\", "'", '"', "`", "${", "#", "//", "/*"]
LIGHT_OPS = ["delete", "insert", "truncate", "crlf", "cr"]
HEAVY_OPS = [*LIGHT_OPS, "brackets", "long-line"]


def file_budget() -> float:
    """The per-file time budget of the configuration (`file-timeout`)."""
    return float(default_config(".").get("file-timeout"))


@lru_cache(maxsize=1)
def engine() -> Engine:
    cfg = default_config(".")
    cfg.values.setdefault("", {})["cache"] = False
    eng = Engine(cfg)
    for path in PATHS:  # compile each language's query once: the budget is per file, not start-up
        eng.scan_document(Document(path, b"x = 1\n"))
    return eng


@lru_cache(maxsize=2)
def seeds(limit: int | None = 40, size: int | None = 4000) -> tuple[bytes, ...]:
    """Real files to mutate: the rule fixtures (vulnerable and safe code, every language)."""
    files = sorted(p for p in BUNDLED_DIR.rglob("fixtures/*") if p.is_file())
    return tuple(p.read_bytes()[:size] for p in files[:limit])


def check(path: str, data: bytes, budget: float) -> float:
    """Scan one case: no exception escapes, the file is done within the budget, every finding
    lies inside the file and no analyzer failed. Returns the seconds it took."""
    start = time.monotonic()
    result = engine().scan_document(Document(path, data))
    elapsed = time.monotonic() - start
    assert elapsed < budget, f"{path}: {elapsed:.1f} s for {len(data)} bytes (budget {budget:g} s)"
    for f in result.findings:
        assert 0 <= f.range.start_byte <= f.range.end_byte <= len(data), f
    failed = [n for n in result.notices if "failed" in n.message]
    assert not failed, failed
    return elapsed


def arbitrary_bytes(max_size: int = 3000) -> st.SearchStrategy[tuple[str, bytes]]:
    return st.tuples(st.sampled_from(PATHS), st.binary(max_size=max_size))


def hostile_unicode(max_parts: int = 80) -> st.SearchStrategy[tuple[str, bytes]]:
    """Text with bidi, tag and zero-width characters, lone surrogates, NULs and code fragments."""
    parts = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=40)), max_size=max_parts)
    return st.tuples(st.sampled_from(PATHS), parts.map(lambda p: "".join(p).encode("utf-8", "surrogatepass")))


def mutate(seed: bytes, ops: list[tuple[str, int, bytes]]) -> bytes:
    buf = bytearray(seed)
    for op, at, blob in ops:
        at = min(at, len(buf))
        if op == "delete":
            del buf[at : at + 1 + len(blob)]
        elif op == "insert":
            buf[at:at] = blob
        elif op == "truncate":
            del buf[at:]
        elif op == "crlf":
            buf = bytearray(bytes(buf).replace(b"\n", b"\r\n"))
        elif op == "cr":
            buf = bytearray(bytes(buf).replace(b"\n", b"\r"))
        elif op == "brackets":
            depth = 100 * (1 + len(blob))
            buf[at:at] = b"(" * depth + b"[{" * depth
        else:  # a 100,000-character line
            buf[at:at] = b"x = '" + (blob or b"A") * (100_000 // max(1, len(blob))) + b"'\n"
    return bytes(buf)


def mutations(seed_files: tuple[bytes, ...], heavy: bool = False) -> st.SearchStrategy[tuple[str, bytes]]:
    """A real file, edited: byte deletions, insertions, truncation, CRLF/CR line ends (and,
    heavy, deeply nested brackets and 100,000-character lines), scanned as any language."""

    @st.composite
    def build(draw) -> tuple[str, bytes]:
        seed = draw(st.sampled_from(seed_files))
        path = draw(st.sampled_from(PATHS))
        ops = draw(st.lists(st.tuples(st.sampled_from(HEAVY_OPS if heavy else LIGHT_OPS),
                                      st.integers(0, max(0, len(seed) - 1)), st.binary(max_size=20)),
                            max_size=8))
        return path, mutate(seed, ops)

    return build()


def python_programs() -> st.SearchStrategy[tuple[str, bytes]]:
    """Syntactically valid Python from hypothesmith (ImportError when it is not installed)."""
    import hypothesmith

    return hypothesmith.from_grammar().map(lambda src: ("gen.py", src.encode("utf-8", "surrogatepass")))
