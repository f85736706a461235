"""On real code (the first 675 lines of the standard library's argparse, a large class with many
methods, plus functions that have findings), a sequence of random edits re-scanned
incrementally (only the edited function, the rules that reach further over what they need,
findings elsewhere moved) gives what a full scan of the edited text gives."""

from __future__ import annotations

import argparse
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.config import default_config
from railguard.engine.engine import Engine
from railguard.lsp_server import incremental
from railguard.lsp_server.buffer import Buffer

ENGINE = Engine(default_config())

FINDINGS = '''

import random
import smtplib
import subprocess

import yaml


def send_report(msg, password):
    server = smtplib.SMTP("mail.example.org", 25)
    server.login("alerts", password)
    server.send_message(msg)


def new_invite_code():
    rng = random.Random(42)
    return "%08x" % rng.getrandbits(32)


def run(cmd):
    return subprocess.run(cmd, shell=True)


def load(fh):
    return yaml.safe_load(fh)
'''
REAL = "\n".join(Path(argparse.__file__).read_text(encoding="utf-8").split("\n")[:675]) + FINDINGS
LINES = REAL.count("\n")

SNIPPETS = ["value = yaml.load(fh)", "server.starttls()", "subprocess.run(cmd, shell=True)",
            "pickle.loads(blob)", 'requests.get(f"https://h/api?user={u}&password={p}")', "x", "(", "pass",
            "def reset_token(self):", "# railguard: ignore[python.yaml-load] reviewed", "eval(text)"]


def key(findings):
    return sorted((f.rule_id, f.range.start_byte, f.range.end_byte, f.range.start.line, f.message)
                  for f in findings)


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.integers(0, LINES - 1), st.sampled_from(SNIPPETS), st.booleans()),
                min_size=1, max_size=4))
def test_incremental_scans_of_real_code_equal_full_scans(edits):
    b = Buffer("file:///argparse_part.py", "argparse_part.py", REAL, 1)
    snap = b.snapshot()
    result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
    b.adopt(snap, result.base)
    for line, snippet, delete in edits:
        text = b.data.decode("utf-8")
        lines = text.split("\n")
        line = min(line, len(lines) - 1)
        if delete:
            b.apply_change((line, 0), (line + 1, 0), "")
        else:
            indent = len(lines[line]) - len(lines[line].lstrip(" "))
            b.apply_change((line, 0), (line, 0), " " * indent + snippet + "\n")
        b.version += 1
        snap = b.snapshot()
        result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
        full = ENGINE.scan_document(Buffer("file:///argparse_part.py", "argparse_part.py", b.data.decode("utf-8"),
                                           0).snapshot().document, "editor")
        assert key(result.findings) == key(full.findings)
        b.adopt(snap, result.base)


def test_the_findings_block_is_found_and_edits_in_methods_scan_one_method():
    b = Buffer("file:///argparse_part.py", "argparse_part.py", REAL, 1)
    snap = b.snapshot()
    result = incremental.scan(ENGINE, snap.document, "editor", snap.base, snap.edits, snap.old_tree)
    assert {"python.smtp-login-without-tls", "python.seeded-random-for-secret"} <= {f.rule_id for f in result.findings}
    b.adopt(snap, result.base)
    line = REAL.split("\n").index("    def _indent(self):") + 1
    b.apply_change((line, 0), (line, 0), "        value = eval(text)\n")
    b.version += 1
    snap = b.snapshot()
    regions = incremental.regions_for(snap.document.tree, "python", snap.edits, snap.old_tree)
    assert regions is not None and len(regions) == 1
    assert snap.document.data[regions[0][0]:regions[0][1]].startswith(b"def _indent(self):")
    assert regions[0][1] - regions[0][0] < 200  # the method, not its class
