"""Which Flask application a route belongs to, and the public paths a guarding hook lets through.

A flask-restx (or flask-restful) project builds a tree of objects: an `Api` (or a project
subclass of it) made on the app, namespaces made on the Api (`api.namespace("tasks")`, or
`Namespace(...)` added with `api.add_namespace`), blueprints registered on the app. A
`before_request` hook on the app guards every route of that tree, whichever module the hook
and the routes live in; an app imported through its package (`from project.api import api_app`,
re-exported by `project/api/__init__.py`) is the same object.

A hook that returns early for some paths (`if request.path.startswith("/auth/login"): return None`)
leaves those paths public: a route under them is not guarded by it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from railguard.engine.access.flask_hooks import lets_through
from railguard.engine.access.model import normalize_path
from railguard.engine.access.tree import (
    call_args,
    keyword,
    last_name,
    positional,
    string_value,
    walk,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.facts import Facts
    from railguard.engine.access.python import PyFile

_PATH_LITERAL = re.compile(r"\brequest\.path\s*(==|\.startswith\()\s*[\"']([^\"']*)[\"']")


def same_object(a: str, b: str) -> bool:
    """Do two `module:var` keys name one object? A package re-exports the names of its modules, and
    a key from a file's path may carry folders above the import root."""
    ma, _, va = a.rpartition(":")
    mb, _, vb = b.rpartition(":")
    if va != vb or not ma or not mb:
        return False
    return ("." + mb + ".").find("." + ma + ".") >= 0 or ("." + ma + ".").find("." + mb + ".") >= 0


def _api_classes(pf: PyFile, api_names: frozenset[str]) -> set[str]:
    """Project subclasses of Api in this file (`class API(RestxApi)` with `Api as RestxApi`)."""
    out = set()
    for d in pf.classes():
        for base in pf.class_bases(d.node):
            _, name = pf.imports.get(base.split(".")[0], ("", ""))
            if last_name(base) in api_names or (name and last_name(name) in api_names):
                out.add(pf.text(d.name_node))
    return out


def objects(pf: PyFile, api_names: frozenset[str]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Namespaces and Apis of this file (with their URL prefix) and the parent of each object."""
    objs: list[dict[str, Any]] = []
    edges: list[dict[str, str]] = []
    apis = api_names | _api_classes(pf, api_names)

    def key(name: str) -> str:
        module, var = pf.origin(name)
        return f"{module}:{var}"

    for name, call in pf.assigned.items():
        if call.type != "call" or "." in name:
            continue
        fn = call.child_by_field_name("function")
        callee = pf.dotted(fn)
        args = call_args(call)
        pos = positional(args)
        if fn is not None and fn.type == "attribute" and last_name(callee) == "namespace":
            # api.namespace("tasks", path="/jobs"): a namespace of that Api, under /tasks (or its path)
            ns = string_value(pf.doc, pos[0]) if pos else None
            path = string_value(pf.doc, keyword(pf.doc, args, "path"))
            prefix = path if path is not None else (f"/{ns}" if ns else "")
            objs.append({"key": f"{pf.module}:{name}", "kind": "namespace", "prefix": prefix})
            edges.append({"child": f"{pf.module}:{name}", "parent": key(callee.rsplit(".", 1)[0])})
        elif last_name(callee) == "Namespace":
            ns = string_value(pf.doc, pos[0]) if pos else None
            path = string_value(pf.doc, keyword(pf.doc, args, "path"))
            prefix = path if path is not None else (f"/{ns}" if ns else "")
            objs.append({"key": f"{pf.module}:{name}", "kind": "namespace", "prefix": prefix})
        elif last_name(callee) in apis:
            app = keyword(pf.doc, args, "app") or (pos[0] if pos else None)
            if app is not None and app.type in ("identifier", "attribute"):
                edges.append({"child": f"{pf.module}:{name}", "parent": key(pf.dotted(app))})
    for call in walk(pf.root, {"call"}, doc=pf.doc):
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "attribute":
            continue
        method = pf.text(fn.child_by_field_name("attribute"))
        receiver = pf.dotted(fn.child_by_field_name("object"))
        pos = positional(call_args(call))
        if not pos or not receiver or pos[0].type not in ("identifier", "attribute"):
            continue
        if method in ("add_namespace", "register_blueprint"):  # the argument belongs to the receiver
            edges.append({"child": key(pf.dotted(pos[0])), "parent": key(receiver)})
        elif method == "init_app" and last_name(receiver) not in ("login_manager", "db", "csrf", "cors"):
            edges.append({"child": key(receiver), "parent": key(pf.dotted(pos[0]))})
    return objs, edges


def exemptions(pf: PyFile, fn: Node) -> list[str]:
    """Paths a hook lets through before it checks the user: `=/x` (exactly) or `/x` (a prefix)."""
    out: list[str] = []
    body = fn.child_by_field_name("body")
    if body is None:
        return out
    for stmt in walk(body, {"if_statement"}, doc=pf.doc):
        block = stmt.child_by_field_name("consequence")
        first = block.named_children[0] if block is not None and block.named_children else None
        if first is None or pf.text(first).strip() not in ("return", "return None", "pass"):
            continue
        cond = pf.text(stmt.child_by_field_name("condition"))
        if re.search(r"\bnot\b", cond):
            continue  # `if not request.path.startswith("/api"): return` scopes the hook instead
        for op, literal in _PATH_LITERAL.findall(cond):
            out.append(("=" if op == "==" else "") + literal)
    return out


def exempted(path: str, exempt: list[str]) -> bool:
    p = normalize_path(path)
    for e in exempt:
        if e[:1] in "@?":
            continue  # an endpoint or URL value a hook lets through (flask_hooks.lets_through)
        if e.startswith("="):
            if p == normalize_path(e[1:]):
                return True
        elif e and p.startswith(normalize_path(e)):
            return True
    return False


def hook_on_tree(facts: Facts, key: str, path: str, handler: str = "") -> str:
    """The guarded object above `key` (itself, its Api, its app) whose hook covers `path`, or ""."""
    hooked: dict[str, list[str]] = facts.data.get("flask_hooked") or {}
    if not hooked:
        return ""
    parents: dict[str, list[str]] = facts.data.get("flask_parents") or {}
    seen: set[str] = set()
    todo = [key]
    while todo and len(seen) < 50:
        cur = todo.pop()
        if cur in seen:
            continue
        seen.add(cur)
        for hk, exempt in hooked.items():
            if same_object(hk, cur) and not (path and (exempted(path, exempt) or lets_through(path, handler, exempt))):
                return hk.rpartition(":")[2]
        for child, ps in parents.items():
            if same_object(child, cur):
                todo += ps
    return ""
