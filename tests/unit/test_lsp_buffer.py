"""The language server's buffers: line index, position encodings, incremental re-parse."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.engine.document import Document
from railguard.engine.languages import get_parser
from railguard.lsp_server.buffer import Buffer, line_starts_of
from railguard.lsp_server.encoding import bytes_to_units, units, units_to_bytes

ASTRAL = "😀"  # U+1F600: 1 code point, 2 UTF-16 units, 4 UTF-8 bytes


def test_units_per_encoding():
    text = f"a{ASTRAL}é"
    assert units(text, "utf-32") == 3
    assert units(text, "utf-16") == 4
    assert units(text, "utf-8") == 1 + 4 + 2


@pytest.mark.parametrize("encoding,column,expected_byte", [
    ("utf-16", 0, 0), ("utf-16", 1, 1), ("utf-16", 3, 5), ("utf-16", 4, 7), ("utf-16", 99, 7),
    ("utf-16", 2, 1),  # inside the surrogate pair: the start of the character
    ("utf-32", 2, 5), ("utf-8", 5, 5), ("utf-8", 3, 1),
])
def test_units_to_bytes(encoding, column, expected_byte):
    line = f"a{ASTRAL}é".encode()
    assert units_to_bytes(line, column, encoding) == expected_byte


def test_bytes_to_units_round_trip():
    line = f"x = '{ASTRAL}{ASTRAL}' + yaml".encode()
    for enc in ("utf-8", "utf-16", "utf-32"):
        for i in range(len(line) + 1):
            if i < len(line) and (line[i] & 0xC0) == 0x80:
                continue  # not a character boundary
            assert units_to_bytes(line, bytes_to_units(line, i, enc), enc) == i


def test_buffer_positions_with_astral_characters():
    b = Buffer("file:///t.py", "t.py", f"s = '{ASTRAL}'\nyaml.load(x)\n", 1)
    assert b.position_at(b.data.index(b"'", 5)) == (0, 7)  # closing quote: 5 + 2 units
    assert b.offset_at(0, 7) == b.data.index(b"'", 5)


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\r\nb", "a\rb\n", "\r\r\n\n", "x\r"])
def test_line_starts_match_the_engine(text):
    data = text.encode()
    assert line_starts_of(data) == Document("t.txt", data).line_starts


def test_out_of_range_edits_clamp():
    b = Buffer("file:///t.py", "t.py", "ab\ncd\n", 1)
    b.apply_change((0, 99), (0, 120), "X")  # past the end of line 0: at its end
    assert b.data == b"abX\ncd\n"
    b.apply_change((50, 0), (60, 3), "Z")  # past the end of the document: appended
    assert b.data == b"abX\ncd\nZ"
    b.apply_change((1, 1), (0, 1), "")  # reversed range
    assert b.data == b"ad\nZ"


def test_lone_surrogates_from_the_client_keep_positions_in_step():
    # JSON can carry half of a surrogate pair; an edit with one used to raise and was lost
    b = Buffer("file:///t.py", "t.py", "a\ud800b\n", 1)
    assert b.data == "a\ufffdb\n".encode()
    b.apply_change((0, 2), (0, 2), "\udfffc")
    assert b.data == "a\ufffd\ufffdcb\n".encode()
    assert b.position_at(b.data.index(b"c")) == (0, 3)  # each half is one UTF-16 unit, as U+FFFD is
    b.replace_all("x\udc85y", 3)  # a byte that surrogateescape kept apart comes back as it was
    assert b.data == b"x\x85y"


pieces = st.lists(st.sampled_from(["a", "b", " ", "\n", "\r", "\r\n", "é", ASTRAL, "x = 1\n", "(", ")"]),
                  max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(pieces, min_size=1, max_size=3).map("".join),
       st.lists(st.tuples(st.integers(0, 8), st.integers(0, 12), st.integers(0, 8), st.integers(0, 12), pieces),
                max_size=8))
def test_incremental_line_index_matches_a_fresh_one(text, edits):
    b = Buffer("file:///t.txt", "t.txt", text, 1)
    for sl, sc, el, ec, new in edits:
        b.apply_change((sl, sc), (el, ec), new)
        assert b.starts == line_starts_of(b.data)


PY = '''import yaml


def load(path):
    """Read a config."""
    with open(path) as fh:
        return yaml.load(fh)


class Store:
    def get(self, key):
        return self.items[key]
'''


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 30), st.integers(0, 3), st.sampled_from(
    ["", "x", "yaml.load(a)\n", "    ", "def f(:\n", "'", '"""', "\n\n", ASTRAL, "é = 1\n", ")"])), max_size=10))
def test_incremental_tree_matches_a_fresh_parse(edits):
    b = Buffer("file:///t.py", "t.py", PY, 1)
    snap = b.snapshot()
    _ = snap.document.tree
    b.adopt(snap)
    for i, (line, col, span, new) in enumerate(edits):
        b.apply_change((line, col), (line + span // 2, col + span), new)
        b.version = i + 2
        if i % 2:  # parse every other edit, so that trees are edited more than once between parses
            snap = b.snapshot()
            assert snap.document._old_tree is not None
            _ = snap.document.tree
            b.adopt(snap)
    incremental = b.snapshot().document.tree
    fresh = get_parser("python").parse(b.data)
    assert str(incremental.root_node) == str(fresh.root_node)
    assert [(n.start_byte, n.end_byte) for n in _walk(incremental.root_node)] == \
           [(n.start_byte, n.end_byte) for n in _walk(fresh.root_node)]


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)


def test_only_the_most_recently_scanned_buffers_keep_their_trees():
    from railguard.lsp_server.buffer import release_trees

    buffers = []
    for i in range(5):
        b = Buffer(f"file:///b{i}.py", f"b{i}.py", f"x = {i}\n", 1)
        snap = b.snapshot()
        _ = snap.document.tree
        b.adopt(snap, [])
        buffers.append(b)
    buffers[0].apply_change((0, 0), (0, 0), "y = 1\n")  # edited, then scanned last
    snap = buffers[0].snapshot()
    _ = snap.document.tree
    buffers[0].adopt(snap, [])
    assert release_trees(buffers, keep=2) == 3
    assert [b.tree is not None for b in buffers] == [True, False, False, False, True]
    # a buffer without its tree still scans: in full, from its text
    buffers[1].apply_change((0, 0), (0, 0), "z = 2\n")
    snap = buffers[1].snapshot()
    assert snap.old_tree is None and snap.document.tree.root_node.child_count == 2
