"""The summaries that an edited function's analysis computes again for the functions it calls
are re-used from the previous run when nothing they depend on changed (taint/replay.Frame), with
what they found on the way: on real code (the argument parser class of the standard library's
argparse, whose entry functions call deep chains of methods), random edits re-scanned this way
give what an independent scan gives."""

from __future__ import annotations

import argparse
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.config import default_config
from railguard.engine.engine import Engine
from railguard.engine.taint.flow import FileAnalysis
from railguard.lsp_server.buffer import Buffer

EDITOR = Engine(default_config())
FULL = Engine(default_config())

_TEXT = Path(argparse.__file__).read_text(encoding="utf-8")
_START = _TEXT.index("class ArgumentParser(")
_END = _TEXT.find("\ndef ", _START)
SOURCE = "import os as _os\nimport re as _re\nimport sys as _sys\nimport subprocess\n\n\n" + \
    (_TEXT[_START:_END] if _END > 0 else _TEXT[_START:])
LINES = SOURCE.count("\n")
SNIPPETS = ["value = eval(text)", "subprocess.run(_sys.argv[1], shell=True)", "args = _sys.argv[1:]",
            "return input()", "pass", "(", "x = 1", "self.error(input())", "# a comment",
            "_os.system(arg_strings[0])", "return None", "return _sys.argv[1]", "_os.system(args[0])",
            "return _os.environ['X']"]


def key(findings):
    return sorted((f.rule_id, f.range.start_byte, f.range.end_byte, f.range.start.line, f.message,
                   tuple((r.range.start_byte, r.range.start.line, r.message) for r in f.related))
                  for f in findings)


def full_scan(text: str, path: str = "ap.py"):
    return FULL.scan_document(Buffer(f"file:///{path}", path, text, 0).snapshot().document, "ci")


def scan(b: Buffer):
    return EDITOR.scan_document(Buffer(b.uri, b.path, b.data.decode("utf-8"), 0).snapshot().document, "editor")


def edited(b: Buffer, line: int, snippet: str, delete: bool) -> None:
    lines = b.data.decode("utf-8").split("\n")
    line = min(line, len(lines) - 1)
    if delete:
        b.apply_change((line, 0), (line + 1, 0), "")
    else:
        indent = len(lines[line]) - len(lines[line].lstrip(" "))
        b.apply_change((line, 0), (line, 0), " " * indent + snippet + "\n")
    b.version += 1


def test_an_edit_in_a_caller_reuses_the_summaries_of_what_it_calls(monkeypatch):
    reused: list[str] = []
    real = FileAnalysis._reused

    def spy(self, name, fn, depth):
        done = real(self, name, fn, depth)
        if done:
            reused.append(name)
        return done

    monkeypatch.setattr(FileAnalysis, "_reused", spy)
    b = Buffer("file:///ap.py", "ap.py", SOURCE, 1)
    scan(b)
    lines = SOURCE.split("\n")
    start = next(i for i, t in enumerate(lines) if t.startswith("    def parse_known_args("))
    line = next(i for i in range(start + 1, len(lines)) if lines[i].strip().startswith("if namespace is None"))
    for delete in (False, True):  # an insertion in parse_known_args, then its removal
        reused.clear()
        edited(b, line, "value = eval(text)", delete)
        result = scan(b)
        assert "ArgumentParser._parse_known_args" in reused
        assert key(result.findings) == key(full_scan(b.data.decode("utf-8")).findings)


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.integers(6, LINES - 1), st.sampled_from(SNIPPETS), st.booleans()),
                min_size=1, max_size=4))
def test_runs_that_reuse_summaries_equal_full_scans(edits):
    b = Buffer("file:///ap.py", "ap.py", SOURCE, 1)
    scan(b)
    for line, snippet, delete in edits:
        edited(b, line, snippet, delete)
        result = scan(b)
        assert key(result.findings) == key(full_scan(b.data.decode("utf-8")).findings)


CHAIN = '''import os
import sys


def pick(x):
    y = x
    return None


def first():
    return pick(sys.argv[1])


def relay(v):
    return pick(v)


def second():
    relay(sys.argv[1])
'''


def test_a_summary_is_computed_again_when_one_it_read_changed():
    # `relay`'s summary read `pick`'s, which the analysis of `first` computed: after an edit in
    # `pick`, the analysis of `second` computes `relay` again instead of re-using it
    b = Buffer("file:///chain.py", "chain.py", CHAIN, 1)
    before = scan(b)
    assert not [f for f in before.findings if f.analyzer == "taint"]
    lines = CHAIN.split("\n")
    line = lines.index("    y = x")
    b.apply_change((line, 0), (line + 1, 0), "    os.system(x)\n")
    b.version += 1
    after = scan(b)
    assert (lines.index("    return pick(v)"), "taint") in {(f.range.start.line, f.analyzer) for f in after.findings}
    assert key(after.findings) == key(full_scan(b.data.decode("utf-8"), "chain.py").findings)
