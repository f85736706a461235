"""Re-scanning only what an edit touched.

After an edit inside a function (or a method, in classes at any depth), only that function
definition, with its decorators, is queried again (the engine's `regions`); an edit in a
class's own statements (attributes, decorators, bases) re-queries that class, and an edit
elsewhere in a top-level function or class the statements it touched. The findings of the
previous scan in the rest of the document are kept, moved by the edit. An edit anywhere else (an import, a
module constant, a syntax error at the top level) or a long run of edits falls back to a
full scan, since findings elsewhere may depend on it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from railguard.engine.analyzers.query_reach import merge_ranges
from railguard.engine.engine import Engine, ScanResult
from railguard.model import Finding, Location, Range, TextEdit

if TYPE_CHECKING:
    from tree_sitter import Node, Tree

    from railguard.engine.document import Document

# one edit: [start, old_end) replaced, the new text ends at new_end (coordinates at its time)
Edit = tuple[int, int, int]
MAX_EDITS = 64

# top-level statements whose findings depend on nothing but themselves and module-level code
SELF_CONTAINED: dict[str, frozenset[str]] = {
    "python": frozenset({"function_definition", "class_definition", "decorated_definition", "comment"}),
    "javascript": frozenset({"function_declaration", "generator_function_declaration", "class_declaration",
                             "comment"}),
    "go": frozenset({"function_declaration", "method_declaration", "comment"}),
    "java": frozenset({"class_declaration", "interface_declaration", "enum_declaration", "record_declaration",
                       "block_comment", "line_comment"}),
}
SELF_CONTAINED["typescript"] = SELF_CONTAINED["tsx"] = SELF_CONTAINED["javascript"]


@dataclass(frozen=True)
class Nesting:
    """Where a function's findings depend on nothing outside it: the definitions whose bodies
    hold methods, and the function definitions an edit can be narrowed to."""

    classes: frozenset[str]
    functions: frozenset[str]
    wrappers: frozenset[str] = frozenset()  # a definition with its decorators


NESTING: dict[str, Nesting] = {
    "python": Nesting(frozenset({"class_definition"}), frozenset({"function_definition"}),
                      frozenset({"decorated_definition"})),
    "javascript": Nesting(frozenset({"class_declaration"}),
                          frozenset({"function_declaration", "generator_function_declaration",
                                     "method_definition"})),
    "go": Nesting(frozenset(), frozenset({"function_declaration", "method_declaration"})),
    "java": Nesting(frozenset({"class_declaration", "interface_declaration", "enum_declaration",
                               "record_declaration"}),
                    frozenset({"method_declaration", "constructor_declaration"})),
}
NESTING["typescript"] = NESTING["tsx"] = NESTING["javascript"]
# a comment between two methods is part of neither: an edit in it re-queries only itself
_COMMENTS = frozenset({"comment", "line_comment", "block_comment"})


def narrow(node: Node, a: int, b: int, nesting: Nesting) -> tuple[int, int]:
    """The smallest definition under `node` (a self-contained top-level statement) that holds
    the byte range [a, b] and on which no finding elsewhere depends: the innermost enclosing
    function (the outermost one, when functions nest: a closure reads its parent's names), else
    the innermost class whose own statements the range touches, else `node` itself."""
    while True:
        inner = _definition(node, nesting)
        if inner.type in nesting.functions:
            return node.start_byte, node.end_byte
        if inner.type not in nesting.classes:
            return node.start_byte, node.end_byte
        body = inner.child_by_field_name("body")
        if body is None or not (body.start_byte <= a and b <= body.end_byte):
            return node.start_byte, node.end_byte  # the name, the bases, a decorator
        touched = [c for c in body.children if c.start_byte <= b and c.end_byte >= a]
        if len(touched) == 1 and touched[0].type in _COMMENTS and touched[0].start_byte <= a \
                and b <= touched[0].end_byte:
            return touched[0].start_byte, touched[0].end_byte
        if len(touched) != 1 or not (touched[0].start_byte <= a and b <= touched[0].end_byte):
            return node.start_byte, node.end_byte
        child = _definition(touched[0], nesting)
        if child.type not in nesting.functions and child.type not in nesting.classes:
            return node.start_byte, node.end_byte  # a class attribute: the class's findings may depend on it
        node = touched[0]


def _definition(node: Node, nesting: Nesting) -> Node:
    """The definition a decorated definition wraps (Python's decorators)."""
    if node.type in nesting.wrappers:
        inner = node.child_by_field_name("definition")
        if inner is not None:
            return inner
    return node


def dirty_ranges(edits: list[Edit]) -> list[tuple[int, int]]:
    """The byte ranges of the final text that the edits wrote, merged."""
    dirty: list[tuple[int, int]] = []
    for s, e, ne in edits:
        delta = (ne - s) - (e - s)
        moved: list[tuple[int, int]] = []
        lo, hi = s, ne
        for a, b in dirty:
            if b < s:
                moved.append((a, b))
            elif a > e:
                moved.append((a + delta, b + delta))
            else:  # overlaps the replaced span: becomes part of the new span
                lo, hi = min(lo, a), max(hi, b + delta if b > e else ne)
        moved.append((lo, hi))
        dirty = sorted(moved)
    return merge_ranges(dirty)


def regions_for(tree: Tree, language: str, edits: list[Edit],
                old_tree: Tree | None = None) -> tuple[tuple[int, int], ...] | None:
    """The definitions the edits touched (`narrow`), or None when a full scan is needed.

    With the previous tree (edited to match), the ranges whose syntax changed count as
    touched too: error recovery can re-parse statements far from a new syntax error.
    """
    allowed = SELF_CONTAINED.get(language)
    if allowed is None or not edits or len(edits) > MAX_EDITS:
        return None
    dirty = dirty_ranges(edits)
    if old_tree is not None:
        dirty = sorted(dirty + [(r.start_byte, r.end_byte) for r in old_tree.changed_ranges(tree)])
    children = tree.root_node.children
    starts = [c.start_byte for c in children]
    regions: list[tuple[int, int]] = []
    for a, b in dirty:
        i = max(0, bisect.bisect_right(starts, a) - 1)
        touched = []
        while i < len(children) and children[i].start_byte <= b:
            if children[i].end_byte >= a:
                touched.append(children[i])
            i += 1
        if not all(c.type in allowed or _inert(c, language) for c in touched):
            return None
        nesting = NESTING.get(language)
        if len(touched) == 1 and nesting is not None and touched[0].start_byte <= a and b <= touched[0].end_byte:
            regions.append(narrow(touched[0], a, b, nesting))
        elif touched:
            regions.append((min(a, touched[0].start_byte), max(b, touched[-1].end_byte)))
        else:
            regions.append((a, b))
    return tuple(merge_ranges(regions))


def _inert(node, language: str) -> bool:
    """A Python top-level expression that binds no name (a call, a docstring, a name being
    typed): rules elsewhere cannot depend on it."""
    if language != "python" or node.type != "expression_statement":
        return False
    return not any(child.type in ("assignment", "augmented_assignment", "named_expression")
                   for child in node.named_children)


def cover_findings(regions: tuple[tuple[int, int], ...], base: list[Finding],
                   edits: list[Edit], everywhere: frozenset[str] = frozenset()) -> tuple[tuple[int, int], ...]:
    """Grow the regions over every previous finding they overlap: such a finding is dropped and
    must be found again, and a region scan finds only what starts inside it (except the rules
    reported `everywhere`)."""
    spans = []
    for f in base:
        if f.rule_id in everywhere:
            continue
        start, end = map_offset(f.range.start_byte, edits), map_offset(f.range.end_byte, edits)
        if start is not None and end is not None:
            spans.append((start, max(start, end)))
    grown = sorted(regions)
    changed = True
    while changed:
        changed = False
        for s, e in spans:
            for i, (a, b) in enumerate(grown):
                if s < b and a < e and (s < a or e > b):
                    grown[i] = (min(a, s), max(b, e))
                    changed = True
        grown = merge_ranges(grown)
    return tuple(grown)


def map_offset(offset: int, edits: list[Edit]) -> int | None:
    """Where a byte offset of the old text is in the new one; None if an edit rewrote it."""
    for s, e, ne in edits:
        if offset >= e:
            offset += (ne - s) - (e - s)
        elif offset > s:
            return None
    return offset


def _move_range(r: Range, edits: list[Edit], doc: Document) -> Range | None:
    s = map_offset(r.start_byte, edits)
    e = map_offset(r.end_byte, edits)
    if s is None or e is None or e < s:
        return None
    return doc.range_of(s, e)


def carry_over(findings: list[Finding], edits: list[Edit], regions: tuple[tuple[int, int], ...],
               analyzers: set[str], doc: Document,
               rule_regions: dict[str, tuple[tuple[int, int], ...]] | None = None) -> list[Finding]:
    """The previous findings of the region-aware analyzers outside the regions (for a rule
    re-scanned in wider windows, outside those: `rule_regions`), moved by the edits."""
    out: list[Finding] = []
    for f in findings:
        if f.analyzer not in analyzers:
            continue
        rng = _move_range(f.range, edits, doc)
        windows = (rule_regions or {}).get(f.rule_id, regions)
        if rng is None or any(a <= rng.start_byte < b or (a < rng.end_byte and rng.start_byte < b)
                              for a, b in windows):
            continue
        changes: dict = {"range": rng}
        if f.fix is not None:
            moved = [(_move_range(e.range, edits, doc), e.new_text) for e in f.fix.edits]
            if any(r is None for r, _ in moved):
                changes["fix"] = None
            else:
                changes["fix"] = replace(f.fix, edits=tuple(TextEdit(r, t) for r, t in moved))
        if f.related:
            related = []
            for loc in f.related:
                if loc.path != f.path:
                    related.append(loc)
                elif (r := _move_range(loc.range, edits, doc)) is not None:
                    related.append(Location(loc.path, r, loc.message))
            changes["related"] = tuple(related)
        out.append(f.with_changes(**changes))
    return out


def scan(engine: Engine, doc: Document, surface: str, base: list[Finding] | None,
         edits: list[Edit] | None, old_tree: Tree | None = None, base_data: bytes | None = None) -> ScanResult:
    """Engine.scan, limited to the regions the edits touched when the previous scan's
    `ScanResult.base` (`base`, for the text before `edits`, parsed as `old_tree`) allows it:
    its findings outside what was re-scanned are moved by the edits and judged with the new
    ones (`base_data`, that scan's text, lets rules that read the whole file re-scan only the
    regions when what they read there did not change). The result holds every finding; its
    `base` is the next scan's."""
    regions = None
    if base is not None and edits and old_tree is not None and doc.has_tree:
        regions = regions_for(doc.tree, doc.language, edits, old_tree)
        if regions is not None:
            regions = cover_findings(regions, base, edits, engine.wide_rules(doc.language))
    if regions is None or base is None or not edits:
        return engine.rescan(doc, None, surface)
    grown, earlier, done = regions, base, edits

    def kept(partial: ScanResult) -> list[Finding]:
        return carry_over(earlier, done, grown, set(partial.partial), doc, partial.rule_regions)

    return engine.rescan(doc, regions, surface, kept, previous=base_data)
