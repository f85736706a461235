"""A Document is one file or editor buffer: bytes, text, line index, and a lazily parsed tree."""

from __future__ import annotations

import bisect
from functools import cached_property
from typing import TYPE_CHECKING

from railguard.engine.embedded import embedded_source
from railguard.engine.languages import detect_language, get_parser, has_grammar
from railguard.model import Position, Range

if TYPE_CHECKING:
    from tree_sitter import Node, Tree


def parse_source(data: bytes) -> bytes:
    """The bytes to parse: data, with every byte that is not valid UTF-8 replaced by `?`.

    One byte for one, so every offset into the tree is an offset into data. tree-sitter's
    query predicates decode node text as strict UTF-8 and raise on a file in Latin-1.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "surrogateescape")
        return text.translate(_ESCAPED_TO_QUESTION_MARK).encode("utf-8")
    return data


_ESCAPED_TO_QUESTION_MARK = {c: "?" for c in range(0xDC80, 0xDD00)}


class Document:
    """Immutable view of one file's content. The tree is parsed at most once."""

    # the file a rewritten program (canonical.py) stands for: whole-file conditions read its text
    file_origin: Document | None = None

    def __init__(
        self,
        path: str,
        data: bytes,
        language: str | None = None,
        *,
        old_tree: Tree | None = None,
        line_starts: list[int] | None = None,
    ) -> None:
        """old_tree: the previous tree, already edited (tree.edit) to match data, for an
        incremental re-parse; line_starts: the line index when the caller keeps one."""
        self.path = path
        self.data = data
        self.language = language or detect_language(path, data[:128])
        self._old_tree = old_tree
        if line_starts is not None:
            self.__dict__["line_starts"] = line_starts

    @classmethod
    def from_text(cls, path: str, text: str, language: str | None = None) -> Document:
        return cls(path, text.encode("utf-8", "surrogateescape"), language)

    @cached_property
    def text(self) -> str:
        # Invalid UTF-8 is kept byte for byte as surrogate escapes: offsets stay exact.
        return self.data.decode("utf-8", "surrogateescape")

    @cached_property
    def lowered_text(self) -> str:
        """text.lower(), for case-insensitive literal tests (computed once)."""
        return self.text.lower()

    @cached_property
    def file_searches(self) -> dict[tuple[str, int, bool], int]:
        """Where a whole-file pattern (by its source, flags and engine) first matches in text (-1
        for nowhere): rules ask it once per match, and rules that share a pattern share the answer."""
        return {}

    @cached_property
    def is_valid_utf8(self) -> bool:
        try:
            self.data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    @cached_property
    def line_starts(self) -> list[int]:
        """Byte offset of the start of every line (\\n, \\r\\n and lone \\r end a line)."""
        data = self.data
        starts = [0]
        i = 0
        n = len(data)
        find = data.find
        while True:
            j = find(b"\n", i)
            if j < 0:
                break
            starts.append(j + 1)
            i = j + 1
        if b"\r" in data:
            # lone CR line endings (old Mac files, CR/LF mixes)
            extra = []
            i = 0
            while True:
                j = find(b"\r", i)
                if j < 0:
                    break
                if j + 1 >= n or data[j + 1 : j + 2] != b"\n":
                    extra.append(j + 1)
                i = j + 1
            if extra:
                starts = sorted(set(starts).union(extra))
        return starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_bytes(self, line: int) -> bytes:
        starts = self.line_starts
        if line < 0 or line >= len(starts):
            return b""
        end = starts[line + 1] if line + 1 < len(starts) else len(self.data)
        return self.data[starts[line] : end].rstrip(b"\r\n")

    def line_text(self, line: int) -> str:
        return self.line_bytes(line).decode("utf-8", "surrogateescape")

    def position_at(self, offset: int) -> Position:
        """Line and code-point column of a byte offset."""
        offset = max(0, min(offset, len(self.data)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        col = len(self.data[start:offset].decode("utf-8", "surrogateescape"))
        return Position(line, col)

    def offset_at(self, line: int, column: int) -> int:
        """Byte offset of a line and code-point column (clamped to the document)."""
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self.data)
        text = self.line_text(line)
        column = max(0, min(column, len(text)))
        return self.line_starts[line] + len(text[:column].encode("utf-8", "surrogateescape"))

    def range_of(self, start_byte: int, end_byte: int) -> Range:
        return Range(self.position_at(start_byte), self.position_at(end_byte), start_byte, end_byte)

    def range_of_node(self, node: Node) -> Range:
        return self.range_of(node.start_byte, node.end_byte)

    def node_text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "surrogateescape")

    @property
    def has_tree(self) -> bool:
        return has_grammar(self.language)

    @cached_property
    def tree(self) -> Tree:
        """The tree-sitter tree. Only for languages with a grammar (see has_tree)."""
        parser = get_parser(self.language)
        source = embedded_source(self.path, parse_source(self.data))
        if self._old_tree is not None:
            tree = parser.parse(source, self._old_tree)
            self._old_tree = None
            return tree
        return parser.parse(source)

    @property
    def parsed_tree(self) -> Tree | None:
        """The tree if a scan has parsed it already, else None (never parses)."""
        return self.__dict__.get("tree")

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {self.language}, {len(self.data)} bytes)"
