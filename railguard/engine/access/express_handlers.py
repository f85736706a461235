"""Express route handlers defined away from the route: what the analyzer reads for object-level checks.

Real applications rarely write the handler inline. The route names it:

- a function of this module, or one a module exports (`orders.deleteOrder`, `{ deleteOrder }` required
  or imported, a default export);
- a factory's result (`basket.retrieveBasket()` where `retrieveBasket () { return (req, res) => ... }`);
- a method of a handler object: an instance of a class (`class UserController { show (req, res) }`) or of
  a constructor function (`function Handler (db) { this.show = (req, res) => ... }`) made with
  `new X(...)`, referenced as `x.show` or `x.show.bind(x)`.

Every indexed module exports the loads by a request id of its handler-shaped functions (names as
`module#name`, `module#Class.method`; `default` for the default export); the routing file resolves its
handler reference to one of them, in this file or through the project facts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from railguard.engine.access import js_ownership
from railguard.engine.access import layers as layers_model
from railguard.engine.access.express_scopes import function_name
from railguard.engine.access.tree import dotted, find

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.express import JsFile

_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function_declaration", "function",
                        "generator_function_declaration", "method_definition"})
# (req, res ...), (request: Request, response ...): a function that answers a request
_HANDLER_PARAMS = re.compile(r"^\(\s*(req|request)\b|^\(\s*\w+\s*(:\s*[\w.<>\[\]]+\s*)?,\s*(res|response|reply)\b")
_ENCLOSING = frozenset({"class_declaration", "class", "function_declaration", "function_expression", "function"})


def is_handler(js: JsFile, fn: Node) -> bool:
    params = fn.child_by_field_name("parameters") or fn.child_by_field_name("parameter")
    return params is not None and bool(_HANDLER_PARAMS.match(js.doc.node_text(params)))


def returned_handler(js: JsFile, fn: Node) -> Node | None:
    """The request handler a factory returns (`() => async (req, res) => ...`, `return function (req, res)`)."""
    body = fn.child_by_field_name("body")
    if body is None:
        return None
    if body.type in _FUNCTIONS:
        return body if is_handler(js, body) else None
    if body.type != "statement_block":
        return None
    for stmt in body.named_children:
        value = stmt.named_children[0] if stmt.type == "return_statement" and stmt.named_children else None
        if value is not None and value.type in _FUNCTIONS and is_handler(js, value):
            return value
    return None


def _handler(js: JsFile, fn: Node) -> Node | None:
    return fn if is_handler(js, fn) else returned_handler(js, fn)


def _owner(js: JsFile, node: Node) -> str:
    """The class or constructor function a member (`this.x = ...`, a method) belongs to."""
    parent = node.parent
    while parent is not None and parent.type not in _ENCLOSING:
        parent = parent.parent
    if parent is None:
        return ""
    if parent.type in ("class_declaration", "class"):
        name = parent.child_by_field_name("name")
        if name is not None:
            return js.doc.node_text(name)
        return function_name(js, parent)  # `module.exports = class { ... }`
    return function_name(js, parent)


def table(js: JsFile) -> dict[str, Node]:
    """Handlers of this module by the names other code reaches them with (see the module docstring)."""
    cached = js.__dict__.get("_handlers")
    if cached is not None:
        return cached
    out: dict[str, Node] = {}
    for name, fn in js.functions.items():
        handler = _handler(js, fn)
        if handler is None:
            continue
        if name.startswith("this."):
            owner = _owner(js, fn.parent)
            if owner:
                out[f"{owner}.{name[5:]}"] = handler
        elif "." not in name:
            out[name] = handler
        elif name == "module.exports":
            out["default"] = handler
    if "class" in js.doc.text:
        for method in find(js.doc, js.doc.tree.root_node, {"method_definition"}):
            name = method.child_by_field_name("name")
            handler = _handler(js, method)
            owner = _owner(js, method)
            if name is not None and handler is not None and owner:
                out[f"{owner}.{js.doc.node_text(name)}"] = handler
    default = _default_name(js)
    if default:
        for name, fn in list(out.items()):
            if name == default or name.startswith(default + "."):
                out["default" + name[len(default):]] = fn
    js.__dict__["_handlers"] = out
    return out


def _default_name(js: JsFile) -> str:
    """The name a module's default export is declared with (`module.exports = UserController`)."""
    m = re.search(r"(?m)^\s*(?:module\.exports\s*=|export\s+default)\s+(?:class\s+|function\s+)?([A-Za-z_$][\w$]*)",
                  js.doc.text)
    return m.group(1) if m else ""


def exported(js: JsFile) -> dict[str, list[dict[str, Any]]]:
    """The loads by a request id of each handler of this module (project facts: `handlers`)."""
    out: dict[str, list[dict[str, Any]]] = {}
    doc = js.doc
    for name, fn in table(js).items():
        lookups = js_ownership.js_lookups(doc, fn)
        if lookups:
            out[f"{js.key}#{name}"] = [
                {"text": lk.text[:200], "model": lk.model, "checked": lk.checked, "direct": lk.direct,
                 "guarded": lk.guarded, "at": f"{doc.path}:{_line(js, lk.start)}"} for lk in lookups]
    return out


def _line(js: JsFile, byte: int) -> int:
    node = js.doc.tree.root_node.descendant_for_byte_range(byte, byte)
    return (node.start_point[0] if node is not None else 0) + 1


def _targets(js: JsFile, node: Node) -> list[str]:
    """`module#name` keys the handler expression may name, most specific first."""
    doc = js.doc
    if node.type == "call_expression":
        fn = node.child_by_field_name("function")
        if fn is not None and fn.type == "member_expression" and doc.node_text(fn.child_by_field_name("property")) == "bind":
            fn = fn.child_by_field_name("object")  # x.show.bind(x)
        node = fn if fn is not None else node
    if node.type == "identifier":
        name = doc.node_text(node)
        mod = js.imports.get(name, "")
        if name in table(js):
            return [f"{js.key}#{name}"]
        return [f"{mod}#{name}", f"{mod}#default"] if mod and not mod.startswith("pkg:") else []
    if node.type != "member_expression":
        return []
    obj, prop = node.child_by_field_name("object"), doc.node_text(node.child_by_field_name("property"))
    if obj is None or obj.type != "identifier":
        return []
    head = doc.node_text(obj)
    mod = js.imports.get(head, "")
    if mod and not mod.startswith("pkg:"):
        return [f"{mod}#{prop}", f"{mod}#default.{prop}"]
    value = js.local_value(obj)
    if value is None or value.type != "new_expression":
        return []
    ctor = dotted(doc, value.child_by_field_name("constructor"))
    if "." in ctor or not ctor:
        return []
    if f"{ctor}.{prop}" in table(js):
        return [f"{js.key}#{ctor}.{prop}"]
    mod = js.imports.get(ctor, "")
    return [f"{mod}#{ctor}.{prop}", f"{mod}#default.{prop}"] if mod and not mod.startswith("pkg:") else []


def lookups(js: JsFile, node: Node) -> list[layers_model.Lookup]:
    """The loads by a request id in the handler a route names: positions in this file for a handler of
    this file; for another module's, the handler reference, with the load and where it is as its text."""
    doc = js.doc
    remote = js.facts.section("express").get("handlers") or {}
    for key in _targets(js, node):
        mod, _, name = key.partition("#")
        if mod == js.key:
            return js_ownership.js_lookups(doc, table(js)[name])
        found = remote.get(key)
        if found:
            return [layers_model.Lookup(node.start_byte, node.end_byte, f"{lk['at']}: {lk['text']}",
                                     lk["model"], lk["checked"], lk["direct"], lk["guarded"]) for lk in found]
    return []

