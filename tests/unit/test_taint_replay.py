"""An editor buffer's taint run re-uses the previous run's analysis of the entry functions an
edit did not reach (taint/replay.py): the findings equal those of an independent scan, which
re-uses nothing (another engine, another surface)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.config import default_config
from railguard.engine.engine import Engine
from railguard.engine.taint.flow import FileAnalysis
from railguard.lsp_server.buffer import Buffer

EDITOR = Engine(default_config())
FULL = Engine(default_config())

SOURCE = '''import os
import subprocess
import sys


def unrelated(values):
    total = 0
    for v in values:
        total += v
    return total


def run_tool(cmd):
    helper = cmd.strip()
    return subprocess.run(helper, shell=True)


def first_arg():
    return sys.argv[1]


class Tool:
    def __init__(self, name):
        self.name = name

    def launch(self, extra):
        target = first_arg()
        self.spawn(target + extra)

    def spawn(self, line):
        os.system(line)


def main():
    name = sys.argv[2]
    run_tool("echo " + name)
    Tool(name).launch("")


def script():
    value = input()
    return eval(value)
'''
LINES = SOURCE.count("\n")
SNIPPETS = ["value = eval(text)", "os.system(sys.argv[3])", "x = 1", "pass", "return None", "(",
            "run_tool(input())", "# a comment", "self.spawn(os.environ['CMD'])"]


def key(findings):
    return sorted((f.rule_id, f.range.start_byte, f.range.end_byte, f.range.start.line, f.message,
                   tuple((r.range.start_byte, r.range.start.line, r.message) for r in f.related))
                  for f in findings)


def full_scan(text: str):
    # outside the editor nothing is recorded or re-used
    return FULL.scan_document(Buffer("file:///tool.py", "tool.py", text, 0).snapshot().document, "ci")


def edited(b: Buffer, line: int, snippet: str, delete: bool) -> None:
    lines = b.data.decode("utf-8").split("\n")
    line = min(line, len(lines) - 1)
    if delete:
        b.apply_change((line, 0), (line + 1, 0), "")
    else:
        indent = len(lines[line]) - len(lines[line].lstrip(" "))
        b.apply_change((line, 0), (line, 0), " " * indent + snippet + "\n")
    b.version += 1


def scan(b: Buffer):
    # the whole document (the other analyzers' region scans are tested in test_lsp_incremental_real)
    return EDITOR.scan_document(Buffer("file:///tool.py", "tool.py", b.data.decode("utf-8"), 0).snapshot().document,
                                "editor")


def test_an_edit_in_an_unrelated_function_reuses_the_other_analyses(monkeypatch):
    replayed: list[str] = []
    real = FileAnalysis._replayed

    def spy(self, key):
        done = real(self, key)
        if done:
            replayed.append(key)
        return done

    monkeypatch.setattr(FileAnalysis, "_replayed", spy)
    b = Buffer("file:///tool.py", "tool.py", SOURCE, 1)
    first = scan(b)
    assert {f.rule_id for f in first.findings if f.analyzer == "taint"}  # sys.argv reaches a shell
    line = SOURCE.split("\n").index("    for v in values:")
    edited(b, line, "eval(text)", False)  # `unrelated` now an entry function, the lines below it moved
    result = scan(b)
    assert {"first_arg", "main", "script"} <= set(replayed)
    assert key(result.findings) == key(full_scan(b.data.decode("utf-8")).findings)
    replayed.clear()
    edited(b, 2, "import shlex", False)  # an import: the index changed, everything is analysed again
    result = scan(b)
    assert replayed == []
    assert key(result.findings) == key(full_scan(b.data.decode("utf-8")).findings)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, LINES - 1), st.sampled_from(SNIPPETS), st.booleans()),
                min_size=1, max_size=5))
def test_taint_runs_that_reuse_the_previous_one_equal_full_scans(edits):
    b = Buffer("file:///tool.py", "tool.py", SOURCE, 1)
    scan(b)
    for line, snippet, delete in edits:
        edited(b, line, snippet, delete)
        result = scan(b)
        assert key(result.findings) == key(full_scan(b.data.decode("utf-8")).findings)
