"""Which words must a file contain for a tree-sitter query rule to match it?

Compiling a tree-sitter query costs a few milliseconds per pattern, far more than scanning a
small file, so a scan of a few files (the hook, a one-file CLI run, the editor's first scan)
compiles only the top-level patterns that may match. A pattern may match a file only if every
positive `#eq?` / `#any-of?` predicate on a capture that the pattern always binds finds one of
its words in the file (for a top-level alternation: for one of its branches).

    (call function: (attribute object: (identifier) @m attribute: (identifier) @f)
      (#eq? @m "yaml") (#eq? @f "load"))          ->  needs "yaml" and "load"

A capture inside an alternation or under `?`/`*` may be unbound in a match, and tree-sitter
does not test a predicate on an unbound capture: such predicates require nothing. A pattern
without requirements may match anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from railguard.engine.lazyre import LazyPattern

# a requirement: one of these words; a pattern needs all of its requirements
Requirement = frozenset[bytes]

_TOKEN = LazyPattern(r'"(?:[^"\\]|\\.)*"|;[^\n]*|\(#|[()\[\]]|[?*+]|@[\w.-]+|[^\s()\[\]"@?*+;]+')
_PREDICATE = LazyPattern(r'#(eq|any-of)\?\s+@([\w.-]+)((?:\s+"(?:[^"\\]|\\.)*")+)\s*$', re.S)
_MATCH = LazyPattern(r'#match\?\s+@([\w.-]+)\s+"((?:[^"\\]|\\.)*)"\s*$', re.S)
_QUOTED = LazyPattern(r'"((?:[^"\\]|\\.)*)"')
_IDENTIFIER = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*\Z")
_WORDS = re.compile(rb"[A-Za-z0-9_]+")
_AFTER_ESCAPE = re.compile(rb"\\[A-Za-z]([A-Za-z0-9_]+)")


@dataclass
class _Element:
    """A node of a pattern: a group `(...)`/`[...]` or an atom (node name, string, `_`)."""

    kind: str  # "(", "[" or "atom"
    optional: bool = False  # followed by ? or *
    captures: set[str] = field(default_factory=set)
    children: list[_Element] = field(default_factory=list)

    def always_binds(self, name: str) -> bool:
        """Does every match of this element bind the capture?"""
        if self.optional:
            return False
        if name in self.captures:
            return True
        if self.kind == "[":
            return bool(self.children) and all(c.always_binds(name) for c in self.children)
        return any(c.always_binds(name) for c in self.children)


def top_level_patterns(query: str) -> list[str]:
    """Split a query source into its top-level patterns (parenthesised or bracketed forms)."""
    patterns: list[str] = []
    depth = 0
    start = 0
    for m in _TOKEN.finditer(query):
        tok = m.group()
        if tok in ("(", "[", "(#"):
            if depth == 0:
                start = m.start()
            depth += 1
        elif tok in (")", "]"):
            depth -= 1
            if depth == 0:
                patterns.append(query[start : m.end()])
    return patterns


def _parse(pattern: str) -> tuple[_Element, list[str]]:
    """A pattern's elements (the root of the tree) and the texts of its predicates."""
    matches = [m for m in _TOKEN.finditer(pattern) if not m.group().startswith(";")]
    root = _Element("(")
    stack = [root]
    predicates: list[str] = []
    last: _Element | None = None  # the element that a following quantifier or capture belongs to
    i = 0
    while i < len(matches):
        tok = matches[i].group()
        if tok == "(#":  # a predicate: keep its text, it binds nothing
            depth, j = 1, i + 1
            while j < len(matches) and depth:
                depth += matches[j].group() in ("(", "[", "(#")
                depth -= matches[j].group() in (")", "]")
                j += 1
            predicates.append(pattern[matches[i].start() + 1 : matches[j - 1].start()].strip())
            last, i = None, j
            continue
        if tok in ("(", "["):
            group = _Element(tok)
            stack[-1].children.append(group)
            stack.append(group)
            last = None
        elif tok in (")", "]"):
            last = stack.pop() if len(stack) > 1 else None
        elif tok in ("?", "*"):
            if last is not None:
                last.optional = True
        elif tok.startswith("@"):
            if last is not None:
                last.captures.add(tok[1:])
        elif tok != "+":
            # a node name, a string (anonymous node), `_`, or a field name, `.`, `!field`
            last = None if tok.endswith(":") or tok == "." or tok.startswith("!") else _Element("atom")
            if last is not None:
                stack[-1].children.append(last)
        i += 1
    return root, predicates


def pattern_requirements(pattern: str) -> tuple[Requirement, ...]:
    """The requirements of one top-level pattern (empty: it may match anywhere)."""
    root, predicates = _parse(pattern)
    requirements: list[Requirement] = []
    for text in predicates:
        m = _PREDICATE.match(text)
        if m is None or not root.always_binds(m.group(2)):
            continue
        words = _QUOTED.findall(m.group(3))
        if words and all(words):
            requirements.append(frozenset(_unescape(w).encode("utf-8") for w in words))
    return tuple(requirements)


def pattern_regexes(pattern: str) -> tuple[str, ...]:
    """The regexes of a pattern's `#match?` predicates on captures that every match binds: the
    text of such a capture, a part of the file, holds a match of each. A top-level alternation
    (a branch may bind other captures): none."""
    patterns = top_level_patterns(pattern)
    if len(patterns) != 1 or not patterns[0].startswith("("):
        return ()
    root, predicates = _parse(patterns[0])
    found = []
    for text in predicates:
        m = _MATCH.match(text)
        if m is not None and root.always_binds(m.group(1)):
            found.append(_string_value(m.group(2)))
    return tuple(found)


def _string_value(body: str) -> str:
    """The value of a query's string literal, as tree-sitter reads it: `\\n`, `\\r`, `\\t`
    and `\\0` name those characters, a backslash before any other character stands for it."""
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "r": "\r", "t": "\t", "0": "\0"}.get(nxt, nxt))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _unescape(word: str) -> str:
    return word.replace('\\"', '"').replace("\\\\", "\\")


@dataclass(frozen=True)
class Unit:
    """One top-level pattern of a query: its source (with the captures that follow it) and,
    per alternative (the branches of a top-level alternation), the words it needs."""

    text: str
    alternatives: tuple[tuple[Requirement, ...], ...] = ()  # (): may match anywhere

    def may_match(self, present: Callable[[bytes], bool]) -> bool:
        if not self.alternatives:
            return True
        if isinstance(present, FileWords) and present.complete:  # the same test, as set operations
            return any(all(not need.isdisjoint(present) for need in needs) for needs in self.alternatives)
        return any(all(any(present(w) for w in need) for need in needs) for needs in self.alternatives)


def query_units(query: str) -> tuple[Unit, ...]:
    """Split a query into its top-level patterns; their texts concatenate to the query."""
    patterns = top_level_patterns(query)
    starts: list[int] = []
    pos = 0
    for pattern in patterns:
        at = query.find(pattern, pos)
        if at < 0:  # cannot happen for a well-formed query; keep it whole
            return (Unit(query),)
        starts.append(at)
        pos = at + len(pattern)
    if not starts:
        return (Unit(query),)
    bounds = [0, *starts[1:], len(query)]
    return tuple(Unit(query[lo:hi], _unit_alternatives(p)) for lo, hi, p in zip(bounds[:-1], bounds[1:], patterns, strict=True))


def _unit_alternatives(pattern: str) -> tuple[tuple[Requirement, ...], ...]:
    branches = _branches(pattern) if pattern.startswith("[") else [pattern]
    alternatives = tuple(pattern_requirements(b) for b in branches)
    return () if not all(alternatives) else alternatives


def _branches(pattern: str) -> list[str]:
    """The branches of a top-level alternation, each a pattern of its own; [pattern] when a
    branch is not a parenthesised pattern (a string, `_`), which needs no word."""
    inner = pattern[1:-1]
    branches = top_level_patterns(inner)
    rest = inner
    for branch in branches:
        rest = rest.replace(branch, " ", 1)
    if _TOKEN.sub(lambda m: "" if m.group().startswith((";", "@")) else m.group(), rest).strip():
        return [pattern]
    out: list[str] = []
    for branch in branches:
        out.extend(_branches(branch) if branch.startswith("[") else [branch])
    return out


class FileWords(set):
    """The words of a file, called as a test of whether it contains a word: identifiers as whole
    words (also right after an escape such as `\\n`), anything else as a substring. Made with
    `others`, every word that is not an identifier and will be asked about, it also holds those
    of them that occur in the file (a word of the file is a substring of it): then it is
    `complete`, and a requirement is met when the set holds one of its words."""

    def __init__(self, data: bytes, others: Iterable[bytes] | None = None) -> None:
        super().__init__(_WORDS.findall(data))
        self.update(_AFTER_ESCAPE.findall(data))
        self.data = data
        self.complete = others is not None
        if others is not None:
            self.update(w for w in others if w in data)

    def __call__(self, word: bytes) -> bool:
        if _IDENTIFIER.match(word) is None:
            return word in self.data
        return word in self


def non_identifiers(units: Iterable[Unit]) -> tuple[bytes, ...]:
    """The words these units need that are not identifiers (word_test's `others`)."""
    return tuple(sorted({w for u in units for needs in u.alternatives for need in needs for w in need
                         if _IDENTIFIER.match(w) is None}))


def word_test(data: bytes, others: Iterable[bytes] | None = None) -> FileWords:
    """A test of whether a file contains a word (FileWords; `others`: see there)."""
    return FileWords(data, others)
