"""The names a value flows into (assignment target, keyword argument, dict key, enclosing function),
used by rules that judge intent by naming (``token = random.random()``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document

_NAME_HOLDERS = {
    "assignment": "left",
    "augmented_assignment": "left",
    "variable_declarator": "name",
    "assignment_expression": "left",
    "keyword_argument": "name",
    "pair": "key",
    "short_var_declaration": "left",
    "assignment_statement": "left",
    "keyed_element": None,
    "return_statement": None,
    "field_declaration": None,
    "var_spec": "name",
    "const_spec": "name",
    "public_field_definition": "name",
}

_FUNCTIONS = {"function_definition", "function_declaration", "method_definition", "method_declaration",
              "function_expression"}


def context_names(node: Node, doc: Document, max_up: int = 8) -> list[str]:
    """Names the value of node flows into: assignment targets, keyword names, dict keys,
    and the enclosing function's name when the value is returned."""
    names: list[str] = []
    p = node.parent
    child = node
    steps = 0
    returned = False
    while p is not None and steps < max_up:
        steps += 1
        t = p.type
        if t in _NAME_HOLDERS:
            field_name = _NAME_HOLDERS[t]
            if t == "return_statement":
                returned = True
            elif t == "keyed_element":
                if p.named_children and p.named_children[0] is not None:
                    names.append(doc.node_text(p.named_children[0]))
            elif t == "field_declaration":
                for c in p.named_children:
                    if c.type == "variable_declarator":
                        n = c.child_by_field_name("name")
                        if n is not None:
                            names.append(doc.node_text(n))
            else:
                target = p.child_by_field_name(field_name) if field_name else None
                if target is not None and target.id != child.id:
                    names.append(doc.node_text(target))
        if t in _FUNCTIONS or t == "lambda" or t == "arrow_function":
            if returned or t in ("lambda", "arrow_function"):
                n = p.child_by_field_name("name")
                if n is None and p.parent is not None and p.parent.type == "variable_declarator":
                    n = p.parent.child_by_field_name("name")  # const makeToken = () => ...
                if n is not None:
                    names.append(doc.node_text(n))
            break
        if t in ("expression_statement", "block", "statement_block") and not returned:
            break
        child = p
        p = p.parent
    return names
