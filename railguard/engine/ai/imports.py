"""Imports of Python and JavaScript/TypeScript files, found with tree-sitter queries.

Optional imports (inside `try: ... except ImportError` or `with suppress(ImportError):`) and
type-only imports under `if TYPE_CHECKING:` are left out: the code works without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from railguard.engine.languages import get_language

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document

PY_QUERY = """
(import_statement name: (dotted_name) @mod)
(import_statement name: (aliased_import name: (dotted_name) @mod))
(import_from_statement module_name: (dotted_name) @mod)
"""
JS_QUERY = """
(import_statement source: (string (string_fragment) @src))
(export_statement source: (string (string_fragment) @src))
(call_expression function: (identifier) @fn arguments: (arguments . (string (string_fragment) @src)) (#eq? @fn "require"))
(call_expression function: (import) arguments: (arguments . (string (string_fragment) @src)))
"""
_OPTIONAL_ERRORS = ("ImportError", "ModuleNotFoundError", "Exception", "BaseException")


@cache
def _query(language: str):
    from tree_sitter import Query

    return Query(get_language(language), PY_QUERY if language == "python" else JS_QUERY)


def _optional_python_import(node: Node) -> bool:
    n = node.parent
    while n is not None:
        if n.type == "except_clause":
            return True  # a fallback: imported only when the preferred way failed
        if n.type == "try_statement":
            for child in n.children:
                if child.type == "except_clause":
                    text = child.text.decode("utf-8", "replace") if child.text else ""
                    header = text.split(":", 1)[0]
                    if header.strip() == "except" or any(e in header for e in _OPTIONAL_ERRORS):
                        return True
        if n.type == "with_statement" and _suppresses_import_errors(n):
            return True  # `with contextlib.suppress(ImportError): import x`: a try/except in one line
        if n.type == "if_statement":
            cond = n.child_by_field_name("condition")
            if cond is not None and cond.text and b"TYPE_CHECKING" in cond.text:
                return True
        n = n.parent
    return False


def _suppresses_import_errors(with_statement: Node) -> bool:
    for child in with_statement.named_children:
        if child.type != "with_clause":
            continue
        text = child.text.decode("utf-8", "replace") if child.text else ""
        if "suppress(" in text and any(e in text for e in _OPTIONAL_ERRORS):
            return True
    return False


def _optional_js_import(node: Node) -> bool:
    n = node.parent
    while n is not None:
        if n.type == "try_statement" or _caught_promise(n):
            return True
        if n.type == "import_statement":
            text = n.text or b""
            if text.startswith(b"import type"):
                return True
        n = n.parent
    return False


def _caught_promise(n: Node) -> bool:
    """`import('x').then(...).catch(...)`: a dynamic import whose failure the code handles."""
    if n.type != "call_expression" or (n.child_by_field_name("function") or n).type != "import":
        return False
    chain = n.parent
    while chain is not None and chain.type in ("member_expression", "call_expression", "parenthesized_expression"):
        prop = chain.child_by_field_name("property") if chain.type == "member_expression" else None
        if prop is not None and prop.text in (b"catch", b"finally"):
            return prop.text == b"catch"
        chain = chain.parent
    return False


def _conditional(node: Node) -> bool:
    """Inside a function or an `if`: imported only when a feature is used (optional dependencies)."""
    n = node.parent
    while n is not None:
        if n.type in ("function_definition", "if_statement", "lambda"):
            return True
        n = n.parent
    return False


_IMPORT_STATEMENTS = {b"import": ("import_statement", "import_from_statement"), b"from": ("import_from_statement",)}


def python_import_statements(document: Document) -> list[Node]:
    return import_statements(document.data, document.tree.root_node)


def import_statements(data: bytes, root: Node) -> list[Node]:
    """The import statements of a Python file, found from its `import` and `from` keywords (a query
    over the whole tree costs far more; a `from` statement being typed may lack its `import`), in
    the order of the file."""
    found: dict[tuple[int, int], Node] = {}
    for word, parents in _IMPORT_STATEMENTS.items():
        at = data.find(word)
        while at >= 0:
            node = root.descendant_for_byte_range(at, at + len(word))
            if node is not None and node.type == word.decode() and node.start_byte == at \
                    and node.parent is not None and node.parent.type in parents:
                found.setdefault((node.parent.start_byte, node.parent.end_byte), node.parent)
            at = data.find(word, at + len(word))
    return [found[k] for k in sorted(found)]


def python_imports(document: Document) -> Iterator[tuple[str, Node, bool]]:
    """(module, node, conditional) for imports the module needs; a module imported under
    `except ImportError` anywhere in the file is optional everywhere in it."""
    from tree_sitter import QueryCursor

    query = _query("python")
    nodes = sorted((n for stmt in python_import_statements(document)
                    for n in QueryCursor(query).captures(stmt).get("mod", [])), key=lambda n: n.start_byte)
    guarded: set[str] = set()
    required: list[tuple[str, Node]] = []
    for node in nodes:
        module = document.node_text(node)
        if _optional_python_import(node):
            guarded.add(module.split(".", 1)[0])
        else:
            required.append((module, node))
    for module, node in required:
        if module.split(".", 1)[0] not in guarded:
            yield module, node, _conditional(node)


def js_imports(document: Document) -> Iterator[tuple[str, Node]]:
    from tree_sitter import QueryCursor

    cursor = QueryCursor(_query(document.language))
    # in the order of the file: the first import of a package is the one reported
    found = sorted(cursor.captures(document.tree.root_node).get("src", []), key=lambda n: n.start_byte)
    for node in found:
        if not _optional_js_import(node):
            yield document.node_text(node), node
