"""Small tree-sitter helpers shared by the framework models (Python, JavaScript/TypeScript, Java)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tree_sitter import Query, QueryCursor

if TYPE_CHECKING:
    from tree_sitter import Language, Node

    from railguard.engine.document import Document


_QUERIES: dict[tuple[int, frozenset[str]], Query | None] = {}


def _query(language: Language, types: frozenset[str]) -> Query | None:
    key = (id(language), types)
    if key not in _QUERIES:
        known = [t for t in sorted(types) if language.id_for_node_kind(t, True) is not None]
        _QUERIES[key] = Query(language, " ".join(f"({t}) @n" for t in known)) if known else None
    return _QUERIES[key]


def find(doc: Document, node: Node, types: set[str] | frozenset[str]) -> list[Node]:
    """Descendants (and node itself) of the given types in document order, matched in C by a query."""
    query = _query(doc.tree.language, frozenset(types))
    if query is None:
        return []
    nodes = QueryCursor(query).captures(node).get("n", [])
    return sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte))


def walk(node: Node, types: set[str] | frozenset[str] | None = None, *, skip: frozenset[str] = frozenset(),
         doc: Document | None = None) -> Iterator[Node]:
    """Every descendant (pre-order) whose type is in `types` (all when None); `skip` subtrees are not entered."""
    # a query runs in C but costs a fixed set-up: worth it on large subtrees only
    if doc is not None and types is not None and not skip and node.end_byte - node.start_byte > 512:
        yield from find(doc, node, types)
        return
    stack = [node]
    while stack:
        n = stack.pop()
        if types is None or n.type in types:
            yield n
        if n.type in skip and n is not node:
            continue
        stack.extend(reversed(n.children))


def text(doc: Document, node: Node | None) -> str:
    return doc.node_text(node) if node is not None else ""


def dotted(doc: Document, node: Node | None) -> str:
    """`a.b.c` for identifiers, attributes and member expressions; the callee's name for calls."""
    if node is None:
        return ""
    t = node.type
    if t in ("identifier", "property_identifier", "type_identifier", "field_identifier", "shorthand_property_identifier"):
        return doc.node_text(node)
    if t == "attribute":
        return f"{dotted(doc, node.child_by_field_name('object'))}.{dotted(doc, node.child_by_field_name('attribute'))}"
    if t == "member_expression":
        return f"{dotted(doc, node.child_by_field_name('object'))}.{dotted(doc, node.child_by_field_name('property'))}"
    if t in ("call", "call_expression"):
        return dotted(doc, node.child_by_field_name("function"))
    if t in ("scoped_identifier", "field_access"):
        return doc.node_text(node).replace(" ", "")
    if t in ("parenthesized_expression", "await", "await_expression", "non_null_expression"):
        inner = [c for c in node.named_children]
        return dotted(doc, inner[0]) if inner else ""
    if t == "this":
        return "this"
    return ""


def last_name(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def string_value(doc: Document, node: Node | None) -> str | None:
    """The value of a string literal (Python, JS, Java); interpolations become `{}`; None if not a string."""
    if node is None:
        return None
    t = node.type
    if t == "concatenated_string" or (t == "binary_expression" and doc.node_text(node).count("+")):
        parts = [string_value(doc, c) for c in node.named_children]
        if t == "binary_expression" and any(p is None for p in parts):
            return None
        return "".join(p or "" for p in parts)
    if t in ("string", "template_string", "string_literal"):
        out = []
        for c in node.named_children:
            if c.type in ("string_content", "string_fragment", "escape_sequence"):
                out.append(doc.node_text(c))
            elif c.type in ("interpolation", "template_substitution"):
                out.append("{}")
        if not node.named_children:
            raw = doc.node_text(node)
            return raw[1:-1] if len(raw) >= 2 else ""
        return "".join(out)
    return None


def call_args(node: Node) -> list[Node]:
    """Named argument nodes of a call (Python argument_list, JS arguments, Java argument_list)."""
    args = node.child_by_field_name("arguments")
    if args is None:
        return []
    return [c for c in args.named_children if c.type not in ("comment",)]


def positional(args: list[Node]) -> list[Node]:
    return [a for a in args if a.type not in ("keyword_argument", "comment")]


def keyword(doc: Document, args: list[Node], name: str) -> Node | None:
    for a in args:
        if a.type == "keyword_argument":
            key = a.child_by_field_name("name")
            if key is not None and doc.node_text(key) == name:
                return a.child_by_field_name("value")
    return None


def list_items(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if node.type in ("list", "tuple", "array", "set", "expression_list", "array_initializer", "element_value_array_initializer"):
        return [c for c in node.named_children if c.type != "comment"]
    if node.type == "parenthesized_expression":
        return list_items(node.named_children[0]) if node.named_children else []
    return [node]


def line_of(doc: Document, node: Node) -> int:
    return node.start_point[0]


COMMENT_TYPES = frozenset({"comment", "line_comment", "block_comment"})


def code_text(doc: Document, node: Node | None) -> str:
    """The node's source with comments blanked out (a commented-out check is no check)."""
    if node is None:
        return ""
    raw = doc.data[node.start_byte : node.end_byte]
    if b"#" not in raw and b"//" not in raw and b"/*" not in raw:
        return raw.decode("utf-8", "surrogateescape")
    comments = list(walk(node, COMMENT_TYPES, doc=doc))
    if not comments:
        return doc.node_text(node)
    data = doc.data
    out = bytearray()
    pos = node.start_byte
    for c in sorted(comments, key=lambda n: n.start_byte):
        if c.start_byte < pos:
            continue
        out += data[pos : c.start_byte]
        out += b" " * 0
        pos = c.end_byte
    out += data[pos : node.end_byte]
    return out.decode("utf-8", "surrogateescape")
