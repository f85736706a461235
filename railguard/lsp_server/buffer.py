"""Open documents, kept as exact bytes with a line index and an edited tree-sitter tree.

Every content change is applied here, in order, as an edit of byte offsets, and the same
edit goes to the last tree (`tree.edit`), so the next parse is incremental. The tree is
only touched on the event loop; a scan gets its own copy (`tree.copy()`), because trees
are not safe to share between threads.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from railguard.engine.document import Document
from railguard.engine.languages import detect_language, has_grammar
from railguard.lsp_server.encoding import bytes_to_units, text_bytes, units_to_bytes
from railguard.lsp_server.incremental import MAX_EDITS, Edit
from railguard.model import Finding

if TYPE_CHECKING:
    from tree_sitter import Tree

_LINE_END = re.compile(rb"\r\n|\r|\n")
# open documents whose last tree is kept for incremental re-parsing (the most recently scanned);
# a tree costs about 1.5 MB per 2,000 lines: the others re-parse in full on their next change
KEPT_TREES = 12
_clock = itertools.count(1)


def line_starts_of(data: bytes) -> list[int]:
    """Byte offset of every line start; \\n, \\r\\n and a lone \\r end a line (as in LSP)."""
    return [0, *(m.end() for m in _LINE_END.finditer(data))]


def splice_line_starts(starts: list[int], start: int, end: int, new_data: bytes, delta: int) -> list[int]:
    """The line starts after bytes [start, end) were replaced (growing the text by delta).

    Only the lines around the edit are re-scanned; the ones after it are shifted. One
    more line on each side is re-scanned so that a \\r and a \\n meeting at the edge of
    the edit are seen as one line end.
    """
    first = max(0, bisect.bisect_right(starts, start) - 2)
    lo = starts[first]
    after = bisect.bisect_right(starts, end) + 1  # a line start whose line ending lies past the edit
    if after < len(starts):
        hi = starts[after] + delta
        inner = [m.end() for m in _LINE_END.finditer(new_data, lo, hi) if m.end() < hi]
        tail = [s + delta for s in starts[after:]]
    else:
        inner = [m.end() for m in _LINE_END.finditer(new_data, lo)]
        tail = []
    return [*starts[:first], lo, *inner, *tail]


def _point(data: bytes, offset: int) -> tuple[int, int]:
    """tree-sitter's (row, byte column): rows are counted by \\n only."""
    row = data.count(b"\n", 0, offset)
    return row, offset - (data.rfind(b"\n", 0, offset) + 1)


@dataclass
class Snapshot:
    """What one scan works on: a version's text and a Document with a private copy of the tree."""

    version: int
    view: TextView
    document: Document
    base: list[Finding] | None = None  # the findings of the last scan delivered
    edits: list[Edit] | None = None  # the edits since that scan; None: scan everything
    old_tree: Tree | None = None  # that scan's tree, edited since: its changed_ranges are dirty too
    base_data: bytes | None = None  # the text that scan read


class TextView:
    """A document's text at one version with its line index. Never changes once made."""

    def __init__(self, uri: str, path: str, data: bytes, starts: list[int], encoding: str) -> None:
        self.uri = uri
        self.path = path  # as findings report it: relative to the project root
        self.data = data
        self.starts = starts
        self.encoding = encoding

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_bytes(self, line: int) -> bytes:
        if line < 0 or line >= len(self.starts):
            return b""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.data)
        return self.data[self.starts[line]:end].rstrip(b"\r\n")

    def line_text(self, line: int) -> str:
        return self.line_bytes(line).decode("utf-8", "surrogateescape")

    def offset_at(self, line: int, character: int) -> int:
        """Byte offset of a client position; positions past a line's end or the document's clamp."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.data)
        return self.starts[line] + units_to_bytes(self.line_bytes(line), character, self.encoding)

    def position_at(self, offset: int) -> tuple[int, int]:
        """Client position (line, character) of a byte offset."""
        offset = max(0, min(offset, len(self.data)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, bytes_to_units(self.line_bytes(line), offset - self.starts[line], self.encoding)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, max(0, min(offset, len(self.data)))) - 1


class Buffer(TextView):
    """One open document. It replaces (never mutates) its bytes and line index on each
    change, so a TextView taken earlier stays valid for the scan that uses it."""

    def __init__(self, uri: str, path: str, text: str, version: int, language: str | None = None,
                 encoding: str = "utf-16") -> None:
        data = text_bytes(text)
        super().__init__(uri, path, data, line_starts_of(data), encoding)
        self.version = version
        detected = detect_language(path, data[:128])
        self.language = language if language and detected == "text" else detected
        self.tree: Tree | None = None  # the last parsed tree, edited up to self.data
        self.base: list[Finding] | None = None  # findings of the last delivered scan
        self.edits: list[Edit] | None = None  # edits since then (None: too many, or unknown)
        self.used = 0  # when a scan of it was last adopted (release_trees keeps the recent trees)
        self.base_data: bytes | None = None  # the text of the last delivered scan

    # -- changes

    def replace_all(self, text: str, version: int) -> None:
        self.data = text_bytes(text)
        self.starts = line_starts_of(self.data)
        self.tree = None
        self.version = version
        self.edits = None

    def apply_change(self, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
        """Replace the text between two client positions (clamped to the document)."""
        s = self.offset_at(*start)
        e = self.offset_at(*end)
        if e < s:
            s, e = e, s
        new = text_bytes(text)
        old = self.data
        if self.tree is not None:
            start_point = _point(old, s)
            old_end_point = _point(old, e)
        self.data = old[:s] + new + old[e:]
        delta = len(new) - (e - s)
        if self.edits is not None:
            self.edits = self.edits + [(s, e, s + len(new))] if len(self.edits) < MAX_EDITS else None
        self.starts = splice_line_starts(self.starts, s, e, self.data, delta)
        if self.tree is not None:
            self.tree.edit(
                start_byte=s, old_end_byte=e, new_end_byte=s + len(new),
                start_point=start_point, old_end_point=old_end_point,
                new_end_point=_point(self.data, s + len(new)),
            )

    # -- scanning

    def snapshot(self) -> Snapshot:
        """The current version as a Document that re-parses incrementally from the last tree."""
        old = self.tree.copy() if self.tree is not None else None
        doc = Document(self.path, self.data, self.language, old_tree=old, line_starts=self.starts)
        view = TextView(self.uri, self.path, self.data, self.starts, self.encoding)
        edits = list(self.edits) if self.edits is not None and self.base is not None else None
        return Snapshot(self.version, view, doc, self.base, edits, old, self.base_data)

    def adopt(self, snapshot: Snapshot, findings: list[Finding] | None = None) -> None:
        """Keep the tree a scan parsed and its findings, if no edit came in since (else
        keep the edited tree, and the edits since the older findings)."""
        if snapshot.version == self.version and snapshot.document.data is self.data:
            tree = snapshot.document.parsed_tree
            if tree is not None:
                self.tree = tree
                self.used = next(_clock)
            self.base = findings
            self.base_data = snapshot.document.data
            self.edits = [] if findings is not None else None

    def forget_findings(self) -> None:
        """The next scan scans everything (settings or rules changed)."""
        self.base = None
        self.edits = None

    @property
    def has_grammar(self) -> bool:
        return has_grammar(self.language)


def release_trees(buffers: Iterable[Buffer], keep: int = KEPT_TREES) -> int:
    """Drop the trees of all but the `keep` most recently scanned buffers (memory stays bounded
    with many open documents); their next scan parses in full. Returns how many were dropped."""
    held = [b for b in buffers if b.tree is not None]
    dropped = sorted(held, key=lambda b: b.used)[:max(0, len(held) - keep)]
    for b in dropped:
        b.tree = None
    return len(dropped)
