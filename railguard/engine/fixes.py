"""Turn a rule's declarative ``fix`` into text edits.

    fix:
      capture: kw            # node to edit (default: the reported node)
      replace: "safe_load"   # template; {{name}} is the text of capture `name`
      # or: delete: true     # remove the node, and a comma that separated it from a neighbour
      # or: insert-before: "...", insert-after: "..."
      description: "Use yaml.safe_load"
      safe: true             # applied by `--fix` and source.fixAll (default true)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from railguard.model import Fix, TextEdit

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document

FIX_KEYS = {"capture", "replace", "delete", "insert-before", "insert-after", "description", "safe"}
_TEMPLATE = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")


def validate_fix(fix: dict[str, Any]) -> str | None:
    """A problem with the fix spec, or None when it is valid."""
    for key in fix:
        if key not in FIX_KEYS:
            return f"unknown key fix.{key}"
    ops = [k for k in ("replace", "delete", "insert-before", "insert-after") if k in fix]
    if not ops:
        return "fix needs one of replace, delete, insert-before, insert-after"
    for k in ("replace", "insert-before", "insert-after", "description", "capture"):
        if k in fix and not isinstance(fix[k], str):
            return f"fix.{k} must be a string"
    return None


def render_template(template: str, captures: dict[str, str]) -> str:
    return _TEMPLATE.sub(lambda m: captures.get(m.group(1), m.group(0)), template)


def build_fix(spec: dict[str, Any], doc: Document, target: Node, captures: dict[str, Node]) -> Fix | None:
    node = captures.get(spec.get("capture", ""), target) if spec.get("capture") else target
    texts = {name: doc.node_text(n) for name, n in captures.items()}
    edits: list[TextEdit] = []
    if "replace" in spec:
        edits.append(TextEdit(doc.range_of_node(node), render_template(spec["replace"], texts)))
    if spec.get("delete"):
        start, end = _deletion_span(node, doc)
        edits.append(TextEdit(doc.range_of(start, end), ""))
    if "insert-before" in spec:
        r = doc.range_of(node.start_byte, node.start_byte)
        edits.append(TextEdit(r, render_template(spec["insert-before"], texts)))
    if "insert-after" in spec:
        r = doc.range_of(node.end_byte, node.end_byte)
        edits.append(TextEdit(r, render_template(spec["insert-after"], texts)))
    if not edits:
        return None
    return Fix(
        description=spec.get("description", "Apply the suggested fix"),
        edits=tuple(edits),
        safe=bool(spec.get("safe", True)),
    )


def _deletion_span(node: Node, doc: Document) -> tuple[int, int]:
    """The node plus one separating comma and the whitespace around it."""
    start, end = node.start_byte, node.end_byte
    data = doc.data
    nxt = node.next_sibling
    prev = node.prev_sibling
    if nxt is not None and nxt.type == ",":
        end = nxt.end_byte
        while end < len(data) and data[end : end + 1] in (b" ", b"\t"):
            end += 1
    elif prev is not None and prev.type == ",":
        start = prev.start_byte
    return start, end


