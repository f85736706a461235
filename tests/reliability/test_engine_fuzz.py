"""Hostile input never crashes the engine, and every file is handled within a time budget.

Bounded for CI (hypothesis examples are capped); bench/fuzz.py runs the same properties longer.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.rules.loader import BUNDLED_DIR

FILE_BUDGET_S = 20.0  # generous: a shared 2-core machine under load; a hang shows as far more
PATHS = ["a.py", "b.js", "c.ts", "d.tsx", "E.java", "f.go", "g.yaml", "h.json", "Dockerfile", ".env",
         "CLAUDE.md", ".claude/settings.json", ".mcp.json", "requirements.txt", "package.json",
         ".github/workflows/ci.yml", "pyproject.toml", "notes.txt"]
SPECIAL = ["\u202e", "\u2066", "\u200b", "\u200d", "\U000e0041", "\U000e007f", "\ufeff", "\x00", "\r", "\r\n",
           "\ud800", "(" * 50, "[" * 50, "{" * 50, "sk-proj-", "AKIA", "ghp_", "-----BEGIN RSA PRIVATE KEY-----",
           "eval(", "yaml.load(", "subprocess.run(", "@app.route('/x')", "request.args['q']", "f\"{x}\"",
           "\\", "'", '"', "`", "${", "#", "//", "/*"]


@lru_cache(maxsize=1)
def engine() -> Engine:
    cfg = default_config(".")
    cfg.values.setdefault("", {})["cache"] = False
    eng = Engine(cfg)
    for path in PATHS:  # compile each language's query once: the budget is per file, not start-up
        eng.scan(Document(path, b"x = 1\n"))
    return eng


def seeds() -> list[bytes]:
    files = sorted(p for p in BUNDLED_DIR.rglob("fixtures/*") if p.is_file())
    return [p.read_bytes()[:4000] for p in files[:40]]


def check(path: str, data: bytes) -> None:
    start = time.monotonic()
    result = engine().scan(Document(path, data))
    elapsed = time.monotonic() - start
    assert elapsed < FILE_BUDGET_S, f"{path}: {elapsed:.1f} s for {len(data)} bytes"
    for f in result.findings:
        assert 0 <= f.range.start_byte <= f.range.end_byte <= len(data), f
    failed = [n for n in result.notices if "failed" in n.message]
    assert not failed, failed


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@FUZZ
@given(path=st.sampled_from(PATHS), data=st.binary(max_size=3000))
def test_arbitrary_bytes(path, data):
    check(path, data.replace(b"\0", b""))  # NUL makes a file binary (skipped); covered below


@FUZZ
@given(path=st.sampled_from(PATHS), parts=st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=40)),
                                                   max_size=80))
def test_random_unicode_with_invisible_and_structural_characters(path, parts):
    check(path, "".join(parts).encode("utf-8", "surrogatepass"))


@FUZZ
@given(data=st.data())
def test_mutations_of_real_fixtures(data):
    seed = data.draw(st.sampled_from(seeds()))
    path = data.draw(st.sampled_from(PATHS))
    ops = data.draw(st.lists(st.tuples(st.sampled_from(["delete", "insert", "truncate", "crlf", "cr"]),
                                       st.integers(0, max(0, len(seed) - 1)), st.binary(max_size=20)),
                             max_size=8))
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
        else:
            buf = bytearray(bytes(buf).replace(b"\n", b"\r"))
    check(path, bytes(buf))


def test_deep_nesting_and_long_lines():
    for path in ("a.py", "b.js", "E.java", "f.go", "h.json", "g.yaml"):
        check(path, b"x = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n")
        check(path, b"[" * 20000 + b"\n")
        check(path, b"s = '" + b"A" * 100_000 + b"'\n")
        check(path, b"k = \"" + b"ab1+/" * 20_000 + b"\"\n")


def test_nul_bytes_mean_binary_and_are_skipped():
    result = engine().scan(Document("a.py", b"eval(x)\0" * 10))
    assert result.skipped and not result.findings


def test_every_fixture_file_scans_cleanly_in_every_language():
    files = sorted(p for p in BUNDLED_DIR.rglob("fixtures/*") if p.is_file())
    for p in files:
        for path in ("x" + p.suffix, "a.py", "b.ts"):
            check(path, p.read_bytes())
    assert files and Path(files[0]).exists()
