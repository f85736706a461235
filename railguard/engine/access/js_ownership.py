"""Object-level checks in JavaScript and TypeScript handlers: loads of a record by an id from the
request (Sequelize, Mongoose, Prisma, TypeORM, project data-access objects) and whether the handler
compares the record with the caller. The Python side and the data layers are in ownership.py."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from railguard.engine.access.layers import Lookup, layers
from railguard.engine.access.ownership import (
    _ID_KEY,
    _gate,
    _project_loader,
    _receiver_ok,
)
from railguard.engine.access.tree import code_text, dotted, last_name, walk

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document


def _js_request_names(doc: Document, body: Node, names: set[str] | None = None) -> set[str]:
    """Variables that carry request data: `const id = req.params.id`, `const { id } = req.params`,
    and variables computed from those."""
    src = layers().request_sources["javascript"]
    names = set(names or ())
    nodes = list(walk(body, {"variable_declarator", "assignment_expression", "for_in_statement"}, doc=doc))
    for _ in range(2):
        for node in nodes:
            if node.type == "variable_declarator":
                left, right = node.child_by_field_name("name"), node.child_by_field_name("value")
            else:
                left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None:
                continue
            used = {doc.node_text(i) for i in walk(right, {"identifier"}, doc=doc)}
            if src.search(code_text(doc, right)) or (used & names and not _js_loads_record(doc, right)):
                for ident in walk(left, {"identifier", "shorthand_property_identifier_pattern"}, doc=doc):
                    names.add(doc.node_text(ident))
    return names


def _js_loads_record(doc: Document, node: Node) -> bool:
    loaders = layers().loaders["javascript"]
    return any(last_name(dotted(doc, c.child_by_field_name("function"))) in loaders
               for c in walk(node, {"call_expression"}, doc=doc))


def _js_id_argument(doc: Document, args: Node, names: set[str]) -> bool:
    """A request value in an id position: a bare argument (findById(id)), an id-like key of a
    where-object ({ _id: id }, { where: { id: req.params.id } }), or an SQL parameter list."""
    src = layers().request_sources["javascript"]
    for a in args.named_children:
        if a.type in ("identifier", "member_expression", "subscript_expression", "call_expression", "unary_expression",
                      "as_expression", "non_null_expression", "parenthesized_expression", "template_string"):
            text = code_text(doc, a)
            if doc.node_text(a) in names or src.search(text) or (
                    a.type != "identifier" and {doc.node_text(i) for i in walk(a, {"identifier"}, doc=doc)} & names):
                return True
        for pair in walk(a, {"pair", "shorthand_property_identifier"}, doc=doc):
            if pair.type == "shorthand_property_identifier":
                key, value_text = doc.node_text(pair), doc.node_text(pair)
                used = {value_text}
            else:
                k, v = pair.child_by_field_name("key"), pair.child_by_field_name("value")
                if k is None or v is None:
                    continue
                key = doc.node_text(k).strip("'\"")
                value_text = code_text(doc, v)
                used = {doc.node_text(i) for i in walk(v, {"identifier"}, doc=doc)}
            if _ID_KEY.match(key) and (used & names or src.search(value_text)):
                return True
        if a.type == "array" and ({doc.node_text(i) for i in walk(a, {"identifier"}, doc=doc)} & names
                                  or src.search(code_text(doc, a))):
            return True
    return False


def _js_scoped(doc: Document, outer: Node) -> bool:
    lay = layers()
    text = code_text(doc, outer)
    if lay.current_user["javascript"].search(text):
        return True
    for pair in walk(outer, {"pair"}, doc=doc):
        k = pair.child_by_field_name("key")
        if k is not None and lay.owner_fields.match(doc.node_text(k).strip("'\"")) and not _in_payload(doc, pair):
            return True
    return False


def _in_payload(doc: Document, pair: Node) -> bool:
    """A key of the values written (`data: {...}`, `$set: {...}`), not of the filter."""
    node = pair.parent
    while node is not None and node.type in ("object", "pair"):
        if node.type == "pair":
            k = node.child_by_field_name("key")
            if k is not None and doc.node_text(k).strip("'\"") in ("data", "$set", "update", "values", "set", "create"):
                return True
        node = node.parent
    return False


def _js_record_checked(doc: Document, body: Node, var: str, after: int) -> bool:
    if not var:
        return False
    lay = layers()
    mention = re.compile(r"\b" + re.escape(var) + r"\b")
    for node in walk(body, {"binary_expression", "call_expression"}, doc=doc):
        if node.start_byte < after:
            continue
        text = code_text(doc, node)
        if not mention.search(text):
            continue
        if node.type == "binary_expression":
            if (lay.current_user["javascript"].search(text) or re.search(
                    r"\.(owner|user|author|createdBy|creator|tenant|org|account|UserId|userId|ownerId|authorId)\b", text)) \
                    and _gate(doc, node, body):
                return True
            continue
        fn = node.child_by_field_name("function")
        callee = dotted(doc, fn)
        if last_name(callee) == "equals" and lay.current_user["javascript"].search(text):
            return True
        args = node.child_by_field_name("arguments")
        if callee and args is not None and mention.search(code_text(doc, args)) and \
                lay.policy_calls.search(last_name(callee)) and last_name(callee) not in ("json", "send", "render"):
            return True
    return False


def _js_assigned(doc: Document, call: Node) -> tuple[Node, str]:
    node = call
    while node.parent is not None and node.parent.type in ("member_expression", "call_expression", "await_expression",
                                                          "parenthesized_expression"):
        node = node.parent
    parent = node.parent
    if parent is not None and parent.type == "variable_declarator":
        name = parent.child_by_field_name("name")
        return node, doc.node_text(name) if name is not None and name.type == "identifier" else ""
    if parent is not None and parent.type == "assignment_expression":
        left = parent.child_by_field_name("left")
        return node, doc.node_text(left) if left is not None and left.type == "identifier" else ""
    return node, ""


_JS_NOT_DATA = frozenset({"req", "res", "request", "response", "JSON", "Object", "Array", "Promise", "console", "axios",
                          "fetch", "app", "router"})


def js_lookups(doc: Document, handler: Node, extra: set[str] | frozenset[str] = frozenset()) -> list[Lookup]:
    """Loads by a request id in an Express handler or a NestJS method (`extra`: its parameters bound
    from the request, `@Param('id') id`)."""
    body = handler.child_by_field_name("body")
    if body is None:
        return []
    lay = layers()
    names = _js_request_names(doc, body, set(extra))
    src = lay.request_sources["javascript"]
    loaders = lay.loaders["javascript"]
    out: list[Lookup] = []
    for call in walk(body, {"call_expression"}, doc=doc):
        fn = call.child_by_field_name("function")
        callee = dotted(doc, fn)
        name = last_name(callee)
        if (name not in loaders and not _project_loader("javascript", name)) or callee.split(".")[0] in _JS_NOT_DATA:
            continue
        args = call.child_by_field_name("arguments")
        if args is None or not _js_id_argument(doc, args, names):
            continue
        outer, var = _js_assigned(doc, call)
        if not _receiver_ok("javascript", callee, code_text(doc, call)):
            continue
        stmt = outer
        while stmt.parent is not None and stmt.parent.type not in ("statement_block", "program"):
            stmt = stmt.parent
        checked = _js_scoped(doc, call) or _js_record_checked(doc, body, var, stmt.end_byte)
        direct = bool(src.search(code_text(doc, args)) or names) and bool(var or name.endswith(("Delete", "Remove",
                                                                                                  "Update")))
        model = callee.split(".")[-2] if "." in callee else ""
        model = "" if model in ("this", "repo", "repository", "prisma", "db") else model
        out.append(Lookup(call.start_byte, call.end_byte, doc.node_text(call), model, checked, direct, checked))
    return out
