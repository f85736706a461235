"""How far from a function an editor's re-scan of that function must look, per query rule.

After an edit inside one function, the editor re-queries that function alone (`regions`). That
is enough for a rule whose matches lie inside one function and whose conditions read nothing
outside the match (the default `NODE` reach). Other rules can change their verdict elsewhere:

- `SKELETON`: a condition reads the enclosing scope (`scope-regex`): a match in a class body
  or at module level reads a scope that holds the edited function. Such a rule is re-queried in
  the region and in the statements of its enclosing classes and of the module that are not
  definitions (the "skeleton" around the region); matches inside other functions read their
  own function only.
- `ENCLOSING`: the pattern's root can enclose a function (a class, a block, a decorated
  definition, the module): a match may hold the edited function. Re-queried like `SKELETON`,
  and at each node that holds a region (matches rooted exactly there, `set_max_start_depth(0)`:
  a few nodes, not the whole class). Such a match's captures are the class's or the module's
  own statements (the skeleton), so its findings start there.
- `FILE`: a condition reads the whole file (`file-regex`) or the whole enclosing class
  (`class-regex`): re-queried over the whole document,
  unless a file condition rules the rule out for this document (then it has no finding
  anywhere, and nothing is queried).

The query analyzer records, per rule, the windows it re-queried (`ScanContext.rule_regions`);
the editor carries over a rule's earlier findings outside them only.
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import TYPE_CHECKING

from railguard.engine.analyzers.query_literals import may_match, required_literals, search_start

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.analyzers.conditions import Condition
    from railguard.engine.document import Document
    from railguard.engine.lazyre import LazyPattern


class Reach(IntEnum):
    NODE = 0
    SKELETON = 1
    ENCLOSING = 2
    FILE = 3


# node types that can hold a function or method: a match rooted there may hold the edit
ENCLOSING_ROOTS = frozenset({
    "_", "ERROR", "block", "class_definition", "decorated_definition", "class_body", "class_declaration", "class",
    "interface_declaration", "interface_body", "enum_declaration", "enum_body", "record_declaration",
    "declaration_list", "export_statement", "statement_block",
})
MODULE_ROOTS = frozenset({"module", "program", "source_file"})
# definitions: the skeleton around a region leaves out the other ones
DEFINITIONS = frozenset({
    "function_definition", "class_definition", "decorated_definition", "function_declaration",
    "generator_function_declaration", "class_declaration", "method_definition", "method_declaration",
    "constructor_declaration", "interface_declaration", "enum_declaration", "record_declaration",
})
_ROOT = re.compile(r"\(\s*([\w.]+)")


def branch_roots(text: str) -> tuple[list[str], bool]:
    """The node types a top-level pattern's matches are rooted at: its first `(name`, or the
    first of each branch of a top-level `[...]` alternation; and whether every branch is a plain
    node pattern `(type ...)` (not a string, a nested alternation, a grouping or the wildcard `_`)."""
    text = re.sub(r";[^\n]*", "", text).strip()
    if not text.startswith("["):
        m = _ROOT.match(text)
        return ([m.group(1)], m.group(1) != "_") if m else ([], False)
    roots: list[str] = []
    plain = True
    depth, in_string, escaped = 0, False, False
    for i, ch in enumerate(text):
        if in_string:
            escaped = ch == "\\" and not escaped
            in_string = ch != '"' or escaped
            continue
        if ch == '"':
            in_string = True
            plain = plain and depth != 1
        elif ch in "([":
            depth += 1
            if depth == 2:
                m = _ROOT.match(text, i) if ch == "(" else None
                if m:
                    roots.append(m.group(1))
                plain = plain and m is not None and m.group(1) != "_"
        elif ch in ")]":
            depth -= 1
            if depth == 0:
                break
    return roots, plain and bool(roots)


def pattern_roots(text: str) -> set[str]:
    return set(branch_roots(text)[0])


def _reads(cond: Condition, file: bool) -> bool:
    keys = (cond.file_regex, cond.not_file_regex) if file else (cond.scope_regex, cond.not_scope_regex)
    return any(p is not None for p in keys) or any(_reads(c, file) for c in cond.any_of)


def _reads_class(cond: Condition) -> bool:
    """A class's text holds other functions than the edited one: read like the whole file, and
    not covered by the whole-file facts compared between two versions of a document."""
    return cond.class_regex is not None or cond.not_class_regex is not None \
        or any(_reads_class(c) for c in cond.any_of)


def reach_of(pattern_texts: list[str], conditions: tuple[Condition, ...], files: bool = True) -> Reach:
    """How far a rule's verdicts reach; files=False: not counting its whole-file conditions."""
    roots = set().union(*(pattern_roots(t) for t in pattern_texts)) if pattern_texts else set()
    if not roots or (files and any(_reads(c, True) for c in conditions)) or any(_reads_class(c) for c in conditions):
        return Reach.FILE
    if roots & (ENCLOSING_ROOTS | MODULE_ROOTS):
        return Reach.ENCLOSING
    if any(_reads(c, False) for c in conditions):
        return Reach.SKELETON
    return Reach.NODE


def file_patterns(conditions: tuple[Condition, ...]) -> list[LazyPattern]:
    """The whole-file patterns of the conditions (those inside `any` too)."""
    out: list[LazyPattern] = []
    for c in conditions:
        out += [p for p in (c.file_regex, c.not_file_regex) if p is not None]
        out += file_patterns(c.any_of)
    return out


def same_file_facts(patterns: tuple[LazyPattern, ...], doc: Document, other: Document) -> bool:
    """Every whole-file pattern (a rule's `file_patterns`) reads the same in both documents."""
    return all(file_search(p, doc) == file_search(p, other) for p in patterns)


def ruled_out(conditions: tuple[Condition, ...], doc: Document) -> bool:
    """A top-level file condition fails for this document: the rule matches nowhere in it."""
    for c in conditions:
        if c.file_regex is not None and not file_search(c.file_regex, doc):
            return True
        if c.not_file_regex is not None and file_search(c.not_file_regex, doc):
            return True
    return False


def file_search(pattern: LazyPattern, doc: Document) -> bool:
    """pattern.search(doc.text), its literals tested first (query_literals.py), once per document;
    for a rewritten program, the text of the file it stands for (what the file says, not the rewrite)."""
    doc = doc.file_origin or doc
    key = (pattern.source, pattern.flags, bool(getattr(pattern, "linear", True)))
    known = doc.file_searches.get(key)
    if known is None:
        known = _carried(pattern, key, doc)
        if known is None:
            known = _file_search(pattern, doc)
        doc.file_searches[key] = known
    return known >= 0


def carry_file_searches(doc: Document, prev: Document, span: tuple[int, int, int]) -> None:
    """doc is prev edited (the editor's next version; `span`: edit_span(prev.text, doc.text)): a
    match prev's text had outside the edit is tried first where the edit moved it, one anchored
    match instead of a search."""
    if prev.__dict__.get("file_searches") and doc is not prev:
        start, old_end, new_end = span
        doc.__dict__["file_search_prior"] = (prev.file_searches, start, old_end, new_end - old_end)


def _carried(pattern: LazyPattern, key: tuple[str, int, bool], doc: Document) -> int | None:
    """Where prev's match of the pattern starts in doc, if one still starts there (the match is
    tried in doc's own text, so the answer is exact); None to search."""
    prior = doc.__dict__.get("file_search_prior")
    if prior is None or key[2]:
        return None
    searches, start, old_end, delta = prior
    at = searches.get(key, -1)
    if at < 0 or start <= at < old_end:
        return None
    at = at + delta if at >= old_end else at
    return at if pattern.compiled.match(doc.text, at) is not None else None


def _file_search(pattern: LazyPattern, doc: Document) -> int:
    """Where a match of the pattern starts in the document's text, -1 for none."""
    req = required_literals(pattern.source, pattern.flags)
    lowered = doc.lowered_text if req is not None and req[1] else None
    if not may_match(pattern.source, pattern.flags, doc.text, lowered):
        return -1
    if getattr(pattern, "linear", True):  # RE2's (a repository's pattern), or a compiled one
        m = pattern.search(doc.text)
        return m.start() if m is not None else -1
    return search_start(pattern.compiled, pattern.source, pattern.flags, doc.text, lambda: doc.lowered_text)


Windows = tuple[tuple[int, int], ...]


def holders(root: Node, regions: Windows) -> list[Node]:
    """The nodes that hold a region (its ancestors, the module included), outermost first."""
    out: dict[tuple[int, int, str], Node] = {}
    for a, b in regions:
        node: Node | None = root
        while node is not None:
            out.setdefault((node.start_byte, node.end_byte, node.type), node)
            node = next((c for c in node.children if c.start_byte <= a and b <= c.end_byte
                         and (c.start_byte, c.end_byte) != (a, b)), None)
    return list(out.values())


def skeleton_windows(root: Node, regions: Windows) -> Windows:
    """Each region, and the statements of the module and of the definitions that hold the region
    which are no definition themselves (a class's attributes, the module's constants)."""
    out: list[tuple[int, int]] = list(regions)
    for a, b in regions:
        node: Node | None = root
        while node is not None:
            holder = None
            run: tuple[int, int] | None = None
            for c in node.children:
                if c.start_byte <= a and b <= c.end_byte and (c.start_byte, c.end_byte) != (a, b):
                    holder = c
                elif c.start_byte < b and a < c.end_byte:
                    out.append((c.start_byte, c.end_byte))  # partly edited: its own scope changed
                elif c.type in DEFINITIONS or c.end_byte <= c.start_byte:
                    pass
                else:
                    run = (run[0] if run else c.start_byte, c.end_byte)
                    continue
                if run is not None:
                    out.append(run)
                    run = None
            if run is not None:
                out.append(run)
            node = holder
    return _merge(out)


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping or touching ranges joined."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _merge(ranges: list[tuple[int, int]]) -> Windows:
    return tuple(merge_ranges(ranges))

