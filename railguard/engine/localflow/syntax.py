"""The node types of each language that the local flow questions need, and small shared readers.

The ``localflow`` package answers small, language-aware questions about tree-sitter
nodes for the conditions of query rules (engine/analyzers/conditions.py): is a value
constant (constants.py), what is it bound to (bindings.py), what names does it flow
into (naming.py), what does it read or is it built from (origins.py). Intra-procedural,
bounded, never into other functions (but for the arguments a helper of the same file is called
with, constants.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document


@dataclass(frozen=True)
class Syntax:
    literals: frozenset[str]
    string: frozenset[str]  # string node types that may hold interpolations
    interpolation: frozenset[str]
    binary: frozenset[str]
    wrappers: frozenset[str]  # parentheses and the like: constant if the child is
    collections: frozenset[str]
    call: str
    identifier: frozenset[str]
    scopes: frozenset[str]
    safe_casts: frozenset[str]

SYNTAX: dict[str, Syntax] = {
    "python": Syntax(
        literals=frozenset({"integer", "float", "true", "false", "none", "ellipsis"}),
        string=frozenset({"string", "concatenated_string"}),
        interpolation=frozenset({"interpolation"}),
        binary=frozenset({"binary_operator", "boolean_operator", "unary_operator", "comparison_operator"}),
        wrappers=frozenset({"parenthesized_expression", "expression_statement"}),
        collections=frozenset({"list", "tuple", "set", "expression_list"}),
        call="call",
        identifier=frozenset({"identifier"}),
        scopes=frozenset({"function_definition", "lambda", "module", "class_definition"}),
        safe_casts=frozenset({"int", "float", "bool", "len", "abs", "round", "ord", "hash", "uuid.uuid4", "uuid4",
                              # the system's temporary folder: the program's own choice, no caller's
                              "tempfile.gettempdir", "gettempdir"}),
    ),
    "javascript": Syntax(
        literals=frozenset({"number", "true", "false", "null", "undefined", "regex"}),
        string=frozenset({"string", "template_string"}),
        interpolation=frozenset({"template_substitution"}),
        binary=frozenset({"binary_expression", "unary_expression"}),
        wrappers=frozenset({"parenthesized_expression"}),
        collections=frozenset({"array", "object"}),
        call="call_expression",
        identifier=frozenset({"identifier"}),
        scopes=frozenset({"function_declaration", "function_expression", "arrow_function",
                          "method_definition", "program", "function"}),
        safe_casts=frozenset({"parseInt", "parseFloat", "Number", "Boolean", "Number.parseInt",
                              "Number.parseFloat", "Math.floor", "Math.round"}),
    ),
    "java": Syntax(
        literals=frozenset({"decimal_integer_literal", "hex_integer_literal", "octal_integer_literal",
                            "binary_integer_literal", "decimal_floating_point_literal", "true", "false",
                            "null_literal", "character_literal"}),
        string=frozenset({"string_literal", "text_block"}),
        interpolation=frozenset({"string_interpolation"}),
        binary=frozenset({"binary_expression", "unary_expression"}),
        wrappers=frozenset({"parenthesized_expression"}),
        collections=frozenset({"array_initializer"}),
        call="method_invocation",
        identifier=frozenset({"identifier"}),
        scopes=frozenset({"method_declaration", "constructor_declaration", "lambda_expression",
                          "class_body", "program"}),
        safe_casts=frozenset({"Integer.parseInt", "Long.parseLong", "Integer.valueOf", "Long.valueOf",
                              "Double.parseDouble", "UUID.randomUUID"}),
    ),
    "go": Syntax(
        literals=frozenset({"int_literal", "float_literal", "true", "false", "nil", "rune_literal"}),
        string=frozenset({"interpreted_string_literal", "raw_string_literal"}),
        interpolation=frozenset(),
        binary=frozenset({"binary_expression", "unary_expression"}),
        wrappers=frozenset({"parenthesized_expression"}),
        collections=frozenset({"composite_literal", "literal_value", "literal_element", "expression_list"}),
        call="call_expression",
        identifier=frozenset({"identifier"}),
        scopes=frozenset({"function_declaration", "method_declaration", "func_literal", "source_file"}),
        safe_casts=frozenset({"strconv.Itoa", "strconv.Atoi", "strconv.FormatInt", "strconv.ParseInt"}),
    ),
}

SYNTAX["typescript"] = SYNTAX["javascript"]

SYNTAX["tsx"] = SYNTAX["javascript"]

MAX_DEPTH = 12


def call_name(node: Node, doc: Document) -> str:
    """Dotted name of the function a call node calls ('' if not a plain name)."""
    func = node.child_by_field_name("function")
    if func is None:
        # Java: method_invocation has object + name
        name = node.child_by_field_name("name")
        obj = node.child_by_field_name("object")
        if name is None:
            return ""
        return (doc.node_text(obj) + "." if obj is not None else "") + doc.node_text(name)
    text = doc.node_text(func)
    return text if len(text) < 120 else ""


def enclosing_scope(node: Node, doc: Document) -> Node | None:
    syn = SYNTAX[doc.language]
    p = node.parent
    while p is not None and p.type not in syn.scopes:
        p = p.parent
    return p


def name_key(ident: Node, doc: Document) -> int:
    scope = enclosing_scope(ident, doc)
    return hash((doc.node_text(ident), scope.start_byte if scope is not None else -1))
