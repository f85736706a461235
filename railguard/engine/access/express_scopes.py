"""Router factories across files: which function registers a route, and how that function's router
reaches the application.

Real Express applications build routers in functions (`module.exports = function adminRoutes() {
const router = express.Router(); ...; return router; }`), mount their result (`app.use('/admin',
guard, adminRoutes())`, `app.use('/keys', guard, settings.keys())`), or hand a router to a function
that adds routes to it (`addRoutes(router, middleware)`). A scope is `module#function` (the module key
alone for module-level code); an edge says that a scope's routes are reached through another scope,
with a path prefix and whether a guard runs first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.engine.access.tree import call_args, dotted

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.express import JsFile

_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function_declaration", "function",
                        "generator_function_declaration", "method_definition"})


def function_name(js: JsFile, fn: Node) -> str:
    """The name a function is known by in its module: its declared name, the variable, object key or
    export it is assigned to (`default` for `module.exports = function ...`)."""
    doc = js.doc
    parent = fn.parent
    if parent is not None and parent.type == "variable_declarator":
        return doc.node_text(parent.child_by_field_name("name"))
    if parent is not None and parent.type == "pair":
        return doc.node_text(parent.child_by_field_name("key")).strip("'\"")
    if parent is not None and parent.type == "assignment_expression":
        left = dotted(doc, parent.child_by_field_name("left"))
        if left in ("module.exports", "exports"):
            return "default"
        return left.rsplit(".", 1)[-1]
    if parent is not None and parent.type == "export_statement":
        return "default"
    name = fn.child_by_field_name("name")
    return doc.node_text(name) if name is not None else ""


def scope_of(js: JsFile, node: Node) -> str:
    """The scope key of the nearest named function around `node` (the module key at module level)."""
    parent = node.parent
    while parent is not None:
        if parent.type in _FUNCTIONS:
            name = function_name(js, parent)
            if name:
                return f"{js.key}#{name}"
        parent = parent.parent
    return js.key


def factory_scope(js: JsFile, call: Node) -> str:
    """The scope of the function a call invokes, when it is defined in this project: a local function,
    an imported module's default export, or a named export (`settings.keys()`)."""
    fn = call.child_by_field_name("function")
    if fn is None:
        return ""
    doc = js.doc
    if fn.type == "call_expression":  # require('./debug')(app, middleware)
        callee = fn.child_by_field_name("function")
        spec = js._require_spec(fn) if callee is not None and doc.node_text(callee) == "require" else None
        mod = js.module_of(spec) if spec else ""
        return f"{mod}#default" if mod else ""
    if fn.type == "identifier":
        name = doc.node_text(fn)
        if name in js.functions:
            return f"{js.key}#{name}"
        mod = js.imports.get(name, "")
        return f"{mod}#default" if mod and not mod.startswith("pkg:") else ""
    if fn.type == "member_expression":
        full = dotted(doc, fn)
        head, _, rest = full.partition(".")
        mod = js.imports.get(head, "")
        if mod and not mod.startswith("pkg:") and rest and "." not in rest:
            return f"{mod}#{rest}"
        if head == "this" or (head in js.functions and not rest):
            return ""
    return ""


def handoff_edges(js: JsFile, calls: list[Node]) -> list[dict[str, object]]:
    """Edges from a scope to the functions it hands its router to (`addRoutes(router, ...)`) or whose
    router it returns (`return keys.app()`): their routes are reached the way this scope's are."""
    doc = js.doc
    edges: list[dict[str, object]] = []
    seen: set[tuple[str, str]] = set()
    for call in calls:
        child = factory_scope(js, call)
        if not child:
            continue
        parent_node = call.parent
        returned = parent_node is not None and (parent_node.type == "return_statement" or (
            parent_node.type in _FUNCTIONS and parent_node.child_by_field_name("body") == call))
        passes_router = any(a.type == "identifier" and js.is_receiver(doc.node_text(a)) for a in call_args(call))
        if not (returned or passes_router):
            continue
        parent = scope_of(js, call)
        if parent == child or (parent, child) in seen:
            continue
        seen.add((parent, child))
        edges.append({"parent": parent, "child": child, "prefix": "", "guarded": False, "dev": js.dev_only(call)})
    return edges
