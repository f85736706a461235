"""Where in a file an anchored rule can match: a large scan queries such rules only there.

tree-sitter runs every pattern of a query at every node of the tree, so the cost of the whole
language query grows with the number of patterns that can start at common nodes (about 170
patterns of the Python rules start at `call`). Most rules are *anchored*: every top-level
pattern of the rule needs, through its `#eq?`/`#any-of?` predicates on captures it always
binds (anchors.py), a node whose text is one of a few words. Such a match contains an
occurrence of one word of each requirement, so the query of the anchored rules is run only over
byte ranges around those occurrences (tree-sitter reports every match that intersects a range,
a match may intersect several: the caller de-duplicates), and the query of the other rules over
the whole file, as before. The findings are those of the whole query (a test compares them on
every rule fixture).

Per file and per rule: the rule's patterns whose words all occur (as whole words: the text of a
node is delimited by non-word characters, or follows an escape sequence in a string); for each,
the one requirement whose words occur least often; the occurrences of those words, merged when
close. A rule whose `where` literals do not occur (query_selection.may_hold) adds no range.

Each range is a walk from the root down to it, and every pattern that can start at a node on
the way starts there: a rule with a pattern rooted at a container (the module, a body, a class)
is queried with the free rules, and a file where the ranges are dense (more than DENSE per
1,000 bytes: a web application's `get`, `json`, `request` everywhere) has its anchored rules
queried over the whole file, which then costs what one query of every rule did.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from railguard.engine.analyzers.anchors import Unit
from railguard.engine.analyzers.query_reach import branch_roots

if TYPE_CHECKING:
    from railguard.engine.analyzers.query_compile import CompiledRule

_IDENTIFIER = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*\Z")
_AFTER = rb"(?![A-Za-z0-9_])"
# a word's text as a node's starts after a non-word character or right after an escape sequence
_ESCAPED = re.compile(rb"(?:\\[A-Za-z]|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4})\Z")
_TOKENS = re.compile(rb"[A-Za-z0-9_]+")
_ESCAPED_TOKENS = re.compile(rb"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|[A-Za-z])([A-Za-z0-9_]+)")
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
MERGE_GAP = 64  # occurrences closer than this are one range
# ranges per 1,000 bytes above which the anchored rules are queried over the whole file: each
# range walks down from the root again, and where the words are that dense (a web app's `get`,
# `json`, `request`) one walk over the file costs less
DENSE = 3
# and above this many in one file: each walk down passes the top-level statements before it
MAX_RANGES = 1000


# nodes that hold a file, a body or a statement list: a pattern rooted at one of them starts at
# every range inside it and steps through all its children each time (a `(module ...)` pattern
# once per range over a thousand top-level statements); such rules are queried over the whole file
_CONTAINER = re.compile(r"module|program|source_file|block|body|definition|declaration|class|function|"
                        r"if_statement|for_statement|while_statement|try_statement|with_statement|switch|clause")


def anchored(units: tuple[Unit, ...]) -> bool:
    """Is the rule queried only around its words? Every match of its query contains one of
    them (every pattern needs some), and no pattern is rooted at a container node."""
    return bool(units) and all(u.alternatives and _small_roots(u.text) for u in units)


def _small_roots(pattern: str) -> bool:
    roots, plain = branch_roots(pattern)
    return plain and not any(_CONTAINER.search(r) for r in roots)


class Occurrences:
    """A file's occurrences of words: counted as substrings (cheap, at least the true count),
    located as whole words only for the words chosen."""

    _patterns: dict[bytes, re.Pattern[bytes]] = {}

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._has: dict[bytes, bool] = {}
        self._tokens: set[bytes] | None = None
        self._counts: dict[bytes, int] = {}
        self._spans: dict[bytes, list[tuple[int, int]]] = {}

    def has(self, word: bytes) -> bool:
        """Does the word occur (an identifier: as a whole word, or right after an escape)?"""
        found = self._has.get(word)
        if found is None:
            if _IDENTIFIER.match(word) is None:
                found = word in self.data
            else:
                if self._tokens is None:  # one pass over the file beats a search per word
                    self._tokens = set(_TOKENS.findall(self.data))
                    self._tokens.update(_ESCAPED_TOKENS.findall(self.data))
                found = word in self._tokens
            self._has[word] = found
        return found

    def count(self, word: bytes) -> int:
        n = self._counts.get(word)
        if n is None:
            n = self._counts[word] = self.data.count(word)
        return n

    def spans(self, word: bytes) -> list[tuple[int, int]]:
        spans = self._spans.get(word)
        if spans is None:
            data = self.data
            if not self.has(word):
                spans = []
            elif _IDENTIFIER.match(word) is None:
                spans = [(m.start(), m.end()) for m in re.finditer(re.escape(word), data)]
            else:
                pattern = self._patterns.get(word)
                if pattern is None:  # a literal first: re finds it with a fast search
                    pattern = self._patterns[word] = re.compile(re.escape(word) + _AFTER)
                spans = [(m.start(), m.end()) for m in pattern.finditer(data)
                         if m.start() == 0 or data[m.start() - 1] not in _WORD_BYTES
                         or _ESCAPED.search(data, max(0, m.start() - 6), m.start()) is not None]
            self._spans[word] = spans
        return spans


def rule_spans(units: tuple[Unit, ...], occ: Occurrences) -> list[tuple[int, int]]:
    """The occurrences around which the rule's matches lie (none: it cannot match here)."""
    out: list[tuple[int, int]] = []
    for unit in units:
        for alternative in unit.alternatives:
            if not all(any(occ.has(w) for w in req) for req in alternative):
                continue
            best = alternative[0] if len(alternative) == 1 else \
                min(alternative, key=lambda req: sum(occ.count(w) for w in req if occ.has(w)))
            for w in best:
                out += occ.spans(w)
    return out


def ranges(rules: list[tuple[CompiledRule, tuple[Unit, ...]]], data: bytes, path: str | None,
           allowed: Callable[[CompiledRule], bool] | None) -> list[tuple[int, int]]:
    """The byte ranges to query the anchored rules in, sorted, close ones merged."""
    occ = Occurrences(data)
    spans: list[tuple[int, int]] = []
    for cr, units in rules:
        if path is not None and cr.paths is not None and not cr.paths.matches(path):
            continue
        found = rule_spans(units, occ)
        if found and (allowed is None or allowed(cr)):
            spans += found
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1] + MERGE_GAP:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged
