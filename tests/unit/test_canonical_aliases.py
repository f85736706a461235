"""What the canonical program rewrites is found from words, as the slower scans found it: the uses
of an aliased module name with bytes.find (a word-bounded regex tried every position of a file);
the import statements and dynamic imports from their keywords (a query walked the whole tree)."""

from __future__ import annotations

import argparse
import importlib
import pickle
import re
import typing
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from tree_sitter import Query, QueryCursor

from railguard.engine.canonical import _SITES, alias_spans, sites
from railguard.engine.document import Document
from railguard.engine.languages import get_language

ALIASES = ["_os", "np", "npx", "é_sys"]


def by_regex(data: bytes, aliases: list[str]) -> list[tuple[int, int]]:
    words = re.compile(rb"(?<![A-Za-z0-9_\x80-\xff])(?:" + b"|".join(re.escape(a.encode()) for a in aliases)
                       + rb")(?![A-Za-z0-9_\x80-\xff])")
    return [m.span() for m in words.finditer(data)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["_os", "os", "np", "npx", "x", "_", "é", " ", ".", "(", "\n", "é_sys", "9", "_sys"]),
                max_size=20).map("".join),
       st.lists(st.sampled_from(ALIASES), min_size=1, max_size=4, unique=True))
def test_alias_uses_are_the_whole_words_the_regex_found(text, aliases):
    data = text.encode("utf-8")
    assert sorted(set(alias_spans(data, aliases))) == sorted(set(by_regex(data, aliases)))


MODULES = [Path(m.__file__).read_bytes() for m in (argparse, importlib, pickle, typing)]
SNIPPETS = [b"", b"getattr(x, 'a')", b"importlib.import_module('os')", b"__import__('os')", b"(", b"\n",
            b"from x ", b"import a as b\n", b"x.getattr(y)", b"getattr_(y)"]


def by_query(data: bytes, root) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    imports, dyn = [], []
    for _, caps in QueryCursor(Query(get_language("python"), _SITES)).matches(root):
        if "imp" in caps:
            imports.append(caps["imp"][0])
        elif "dyn" in caps:
            dyn.append(caps["dyn"][0])
    return [(n.start_byte, n.end_byte) for n in imports], sorted((n.start_byte, n.end_byte) for n in dyn)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(MODULES) - 1), st.floats(0, 1), st.integers(0, 60), st.sampled_from(SNIPPETS))
def test_sites_found_from_their_words_are_what_the_query_matches(which, where, length, snippet):
    data = MODULES[which]
    at = int(where * len(data))
    data = data[:at] + snippet + data[at + length:]
    root = Document("m.py", data, "python").tree.root_node
    imports, dyn = sites(data, root)
    assert ([(n.start_byte, n.end_byte) for n in imports], sorted((n.start_byte, n.end_byte) for n in dyn)) \
        == by_query(data, root)
