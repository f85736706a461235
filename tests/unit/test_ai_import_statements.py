"""The import statements of a Python file are found from its `import` and `from` keywords: the
module names they capture are those a query over the whole tree captures, on real code (modules
of the standard library) and on the same code broken by random edits (error recovery)."""

from __future__ import annotations

import argparse
import json
import random
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from tree_sitter import QueryCursor

from railguard.engine.ai.imports import _query, python_import_statements
from railguard.engine.document import Document

MODULES = [Path(m.__file__).read_bytes() for m in (argparse, json, random, subprocess)]
SNIPPETS = [b"", b"from ", b"import", b"from x ", b"from . import (a,\n", b"(", b"\n", b"try:\n", b"import a.b as c"]


def whole_tree(doc: Document) -> list[tuple[int, int]]:
    return sorted((n.start_byte, n.end_byte) for n in
                  QueryCursor(_query("python")).captures(doc.tree.root_node).get("mod", []))


def from_keywords(doc: Document) -> list[tuple[int, int]]:
    return sorted((n.start_byte, n.end_byte) for stmt in python_import_statements(doc)
                  for n in QueryCursor(_query("python")).captures(stmt).get("mod", []))


def test_real_modules():
    for data in MODULES:
        doc = Document("m.py", data, "python")
        assert from_keywords(doc) == whole_tree(doc)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(MODULES) - 1), st.floats(0, 1), st.integers(0, 60), st.sampled_from(SNIPPETS))
def test_broken_modules(which, where, length, snippet):
    data = MODULES[which]
    at = int(where * len(data))
    doc = Document("m.py", data[:at] + snippet + data[at + length:], "python")
    assert from_keywords(doc) == whole_tree(doc)
