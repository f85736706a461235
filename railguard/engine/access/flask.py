"""Flask (and Quart, APIFlask, flask-smorest, flask-restx/restful) routes and what protects them.

Protection: an auth decorator on the view (flask-login, flask-jwt-extended,
flask-httpauth, flask-security, project decorators that check the user), a
`before_request` hook on the blueprint or app that checks the user (in this file
or another), `decorators`/`method_decorators` on MethodView/Resource classes and
Namespaces, a view wrapped in an auth decorator in `add_url_rule`, or a check
inside the handler.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from railguard.engine.access import flask_apps, flask_hooks
from railguard.engine.access.model import Route, normalize_path
from railguard.engine.access.pyauth import auth_decorator, body_check, public_decorator
from railguard.engine.access.tree import (
    call_args,
    code_text,
    keyword,
    last_name,
    list_items,
    positional,
    string_value,
    walk,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.facts import Facts
    from railguard.engine.access.model import AccessModel
    from railguard.engine.access.python import Definition, PyFile

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")
CHECKS = ("flask",)


def is_flask_file(pf: PyFile) -> bool:
    t = pf.doc.text
    return "flask" in t or "quart" in t.lower() or ".route(" in t


def _receiver(pf: PyFile, expr: Node) -> tuple[str, str]:
    """(receiver, method) of a decorator call `@recv.method(...)`, or ("", "")."""
    if expr.type != "call":
        return "", ""
    fn = expr.child_by_field_name("function")
    if fn is None or fn.type != "attribute":
        return "", ""
    return pf.dotted(fn.child_by_field_name("object")), pf.text(fn.child_by_field_name("attribute"))


def _guard_decorators(pf: PyFile, node: Node | None, model: AccessModel, facts: Facts) -> str:
    """An auth marker in a `decorators = [...]` / `method_decorators` list or dict."""
    if node is None:
        return ""
    items = list_items(node)
    if node.type == "dictionary":
        items = [p.child_by_field_name("value") for p in node.named_children if p.type == "pair"]
        items = [x for i in items if i is not None for x in list_items(i)]
    for item in items:
        name = auth_decorator(pf, item, "flask", model, facts)
        if name:
            return name
    return ""


def collect(pf: PyFile, raw: dict[str, Any], model: AccessModel, facts: Facts) -> None:
    """Raw facts: blueprints/apps, before_request hooks that check the user, registrations."""
    fw = model.fw("flask")
    for name in pf.constructed_with(fw.names("app-constructors")):
        raw["flask_objects"].append({"key": f"{pf.module}:{name}", "kind": "app", "prefix": ""})
    for name, call in pf.constructed_with(fw.names("blueprint-constructors")).items():
        prefix = string_value(pf.doc, keyword(pf.doc, call_args(call), "url_prefix")) or ""
        raw["flask_objects"].append({"key": f"{pf.module}:{name}", "kind": "blueprint", "prefix": prefix})
    for hook in hooks(pf, model, facts):
        raw["flask_hooks"].append(hook)
        raw["uses_auth"] = True
    objs, edges = flask_apps.objects(pf, fw.names("api-constructors"))
    raw["flask_objects"] += objs
    raw.setdefault("flask_parents", []).extend(edges)
    lists = _module_lists(pf)
    for call in walk(pf.root, {"call"}, doc=pf.doc):
        for key, path, guarded in _registered_views(pf, call, lists, model, facts):
            raw.setdefault("flask_registered_paths", {}).setdefault(key, path)
            if guarded:
                raw.setdefault("flask_registered_guarded", []).append(key)
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "attribute" or pf.text(fn.child_by_field_name("attribute")) != "register_blueprint":
            continue
        args = call_args(call)
        pos = positional(args)
        if not pos:
            continue
        module, var = pf.origin(pf.dotted(pos[0]))
        prefix = string_value(pf.doc, keyword(pf.doc, args, "url_prefix")) or ""
        raw["flask_registrations"].append({"child": f"{module}:{var}", "prefix": prefix})


def _module_lists(pf: PyFile) -> dict[str, Node]:
    """Module-level `name = [...]` assignments: the lists a registration call may be handed by name."""
    lists = {}
    for stmt in pf.root.named_children:
        node = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if node is not None and node.type == "assignment":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and left.type == "identifier" and right is not None and right.type == "list":
                lists[pf.text(left)] = right
    return lists


def _registered_views(pf: PyFile, call: Node, lists: dict[str, Node], model: AccessModel,
                      facts: Facts) -> list[tuple[str, str, bool]]:
    """(`module:Class`, path, guarded) of MethodView/Resource classes this call registers from
    `(path, Resource)` pairs (a list in the call or a module-level variable): a project helper such as
    `configure_api_from_blueprint(blueprint, routes, decorators=[jwt_required()])`. Guarded when the
    call wraps each view in auth decorators (`decorators=[...]`, as Flask-RESTful's Api does)."""
    out: list[tuple[str, str, bool]] = []
    args = call_args(call)
    for arg in positional(args):
        listed = lists.get(pf.text(arg)) if arg.type == "identifier" else arg if arg.type == "list" else None
        for item in list_items(listed) if listed is not None else ():
            parts = list_items(item) if item.type == "tuple" else []
            path = string_value(pf.doc, parts[0]) if parts else None
            el = parts[1] if len(parts) >= 2 else None
            name = pf.dotted(el) if el is not None and el.type in ("identifier", "attribute") else ""
            if path is not None and path.startswith("/") and name and last_name(name)[:1].isupper():
                module, var = pf.origin(name)
                out.append((f"{module}:{var}", path, False))
    if out:
        deco = keyword(pf.doc, args, "decorators")
        if deco is not None and _guard_decorators(pf, deco, model, facts):
            out = [(key, path, True) for key, path, _ in out]
    return out


def hooks(pf: PyFile, model: AccessModel, facts: Facts) -> list[dict[str, Any]]:
    """before_request hooks in this file whose function checks the user."""
    out: list[dict[str, Any]] = []
    apps = set(pf.constructed_with(model.fw("flask").names("app-constructors")))
    functions = {pf.text(d.name_node): d for d in pf.functions() if d.name_node is not None}

    def guarded(d: Definition) -> bool:
        if any(auth_decorator(pf, e, "flask", model, facts) for e in d.decorators
               if not _receiver(pf, e)[1].startswith("before")):
            return True
        # a hook guards only when it can stop the request (a hook that updates `lastseen` for
        # signed-in users checks the user but lets everyone through)
        body = d.node.child_by_field_name("body")
        stops = body is not None and re.search(r"\b(return\s+\S|abort\(|raise\b|redirect\(|verify_(?!\w*csrf)\w*(auth|token|jwt|session)\w*\()",
                                               code_text(pf.doc, body))
        return bool(stops and body_check(pf, d.node, CHECKS + ("fastapi",), model, facts, helpers=False)) or \
            flask_hooks.refuses_without_claim(pf, d.node)

    def add(receiver: str, method: str, fn: Node | None) -> None:
        module, var = pf.origin(receiver)
        app_wide = method in flask_hooks.APP_WIDE or receiver in apps or last_name(receiver) in ("app", "current_app")
        exempt = flask_apps.exemptions(pf, fn) + flask_hooks.scope(pf, fn, method) if fn is not None else []
        out.append({"key": f"{module}:{var}", "app_wide": app_wide, "exempt": exempt})

    for d in pf.functions():
        for e in d.decorators:
            name = pf.dotted(e)
            if "." in name and last_name(name) in flask_hooks.HOOK_METHODS and guarded(d):
                add(name.rsplit(".", 1)[0], last_name(name), d.node)
    for call in walk(pf.root, {"call"}, doc=pf.doc):
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "attribute":
            continue
        method = pf.text(fn.child_by_field_name("attribute"))
        if method not in flask_hooks.HOOK_METHODS:
            continue
        pos = positional(call_args(call))
        if not pos:
            continue
        target = pos[0]
        ok = False
        hook_fn = None
        if target.type == "identifier" and pf.text(target) in functions:
            ok = guarded(functions[pf.text(target)])
            hook_fn = functions[pf.text(target)].node
        elif target.type == "call":  # bp.before_request(login_required(lambda: None))
            ok = bool(auth_decorator(pf, target, "flask", model, facts))
        elif model.is_auth_name(pf.dotted(target), "flask", facts.names("auth_functions")):
            ok = True
        if ok:
            add(pf.dotted(fn.child_by_field_name("object")), method, hook_fn)
    return out


def routes(pf: PyFile, model: AccessModel, facts: Facts, local_hooks: list[dict[str, Any]]) -> list[Route]:
    fw = model.fw("flask")
    apps = set(pf.constructed_with(fw.names("app-constructors")))
    bps = pf.constructed_with(fw.names("blueprint-constructors"))
    apis = pf.constructed_with(fw.names("api-constructors"))
    fastapi_objs = set(pf.constructed_with(model.fw("fastapi").names("app-constructors") |
                                           model.fw("fastapi").names("router-constructors")))
    is_fastapi_file = "fastapi" in pf.doc.text.lower() or "APIRouter" in pf.doc.text
    out: list[Route] = []
    guard_keys = {h["key"] for h in local_hooks if not h["app_wide"]}
    app_guard = any(h["app_wide"] for h in local_hooks) or bool(facts.data.get("flask_app_guard"))
    # objects (Api/Namespace/Blueprint) whose constructor carries auth decorators
    guarded_objs = {n for n, c in {**apis, **bps}.items()
                    if _guard_decorators(pf, keyword(pf.doc, call_args(c), "decorators"), model, facts)}
    url_rules = _url_rules(pf, model, facts)

    def object_guard(receiver: str, path: str = "", handler: str = "") -> str:
        if receiver in guarded_objs:
            return f"decorators on {receiver}"
        module, var = pf.origin(receiver)
        key = f"{module}:{var}"
        # a hook on the object or on the Api/app above it, unless it lets this path through
        if flask_apps.hook_on_tree(facts, key, ""):
            above = flask_apps.hook_on_tree(facts, key, path, handler)
            return f"a before_request hook on {above}" if above else ""
        if key in guard_keys or facts.key_in("flask_guarded", module, var):
            return f"a before_request hook on {receiver}"
        if app_guard:
            return "an app-wide before_request hook"
        return ""

    def prefix_of(receiver: str) -> str:
        if receiver in bps:
            p = string_value(pf.doc, keyword(pf.doc, call_args(bps[receiver]), "url_prefix")) or ""
            if p:
                return p
        module, var = pf.origin(receiver)
        return facts.prefix_of("flask_prefix", module, var)

    for d in pf.definitions:
        for e in d.decorators:
            receiver, method = _receiver(pf, e)
            if not receiver or (method != "route" and method not in HTTP_METHODS):
                continue
            if receiver in fastapi_objs or (is_fastapi_file and method != "route" and receiver not in bps
                                            and receiver not in apps):
                continue
            if method != "route" and not (receiver in apps or receiver in bps or receiver in apis
                                          or "flask" in pf.doc.text.lower() or "quart" in pf.doc.text.lower()):
                continue
            args = call_args(e)
            pos = positional(args)
            path = string_value(pf.doc, pos[0]) if pos else None
            if path is None or (path and not path.startswith("/")):
                continue  # `@mock.patch("pkg.func")` in a test: a dotted name, not a URL rule
            full = prefix_of(receiver).rstrip("/") + path if prefix_of(receiver) else path
            if d.node.type == "class_definition":
                out += _class_routes(pf, d, full, receiver, model, facts,
                                     object_guard(receiver, full, pf.text(d.name_node)))
                continue
            methods = _methods(pf, method, args)
            root = normalize_path(full) == "/" and not prefix_of(receiver) and (facts.project or receiver in bps)
            handler = pf.text(d.name_node) if d.name_node is not None else ""
            out.append(_function_route(pf, d, full, methods, receiver in apps or root,
                                       object_guard(receiver, full, handler), model, facts))
            break
    # MethodView / Resource classes registered elsewhere (add_url_rule, add_resource) or in this file
    seen = {r.handler.split(".")[0] for r in out}
    for d in pf.classes():
        name = pf.text(d.name_node)
        if name in seen:
            continue
        bases = [b for b in pf.class_bases(d.node) if last_name(b) in fw.names("resource-bases")]
        # Django's View or a Wagtail view of the same name is not a Flask MethodView
        if not bases or all(_foreign(pf, b) for b in bases):
            continue
        receiver, path, wrapped = url_rules.get(name, ("", "", ""))
        if receiver and prefix_of(receiver):
            path = prefix_of(receiver).rstrip("/") + path
        if not path:  # registered as a (path, class) pair by a project helper
            path = facts.prefix_of("flask_registered_paths", pf.module, name)
        guard = wrapped or (object_guard(receiver, path, name) if receiver else "")
        if not receiver and app_guard and facts.project:
            guard = "an app-wide before_request hook"
        out += _class_routes(pf, d, path, receiver, model, facts, guard)
    # plain functions registered with add_url_rule
    for d in pf.functions():
        name = pf.text(d.name_node) if d.name_node is not None else ""
        if name in url_rules and pf.is_top_level(d) and not any(r.handler == name for r in out):
            receiver, path, wrapped = url_rules[name]
            if prefix_of(receiver):
                path = prefix_of(receiver).rstrip("/") + path
            guard = wrapped or object_guard(receiver, path, name)
            out.append(_function_route(pf, d, path, ("GET",), receiver in apps, guard, model, facts))
    return out


def _foreign(pf: PyFile, base: str) -> bool:
    """A base class imported from a package that is not Flask's (django.views.View)."""
    module = pf.imports.get(base.split(".")[0], ("", ""))[0]
    return bool(module) and not re.match(r"(flask|quart|apiflask)", module.split(".")[0])


def _methods(pf: PyFile, method: str, args: list[Node]) -> tuple[str, ...]:
    if method != "route":
        return (method.upper(),)
    methods = keyword(pf.doc, args, "methods")
    found = tuple(sorted({(string_value(pf.doc, m) or "").upper() for m in list_items(methods)} - {""}))
    return found or ("GET",)


def _function_route(pf: PyFile, d: Definition, path: str, methods: tuple[str, ...], app_level: bool,
                    guard: str, model: AccessModel, facts: Facts) -> Route:
    name = pf.text(d.name_node) if d.name_node is not None else ""
    first = d.decorators[0] if d.decorators else d.node
    route = Route("flask", methods, path, name, first.start_byte, first.end_byte, d.outer.start_point[0],
                  app_level=app_level)
    _decide(pf, d, route, guard, model, facts)
    return route


def _decide(pf: PyFile, d: Definition, route: Route, guard: str, model: AccessModel, facts: Facts,
            extra_decorators: list[Node] | None = None, class_guard: str = "") -> None:
    decorators = list(d.decorators) + list(extra_decorators or [])
    for e in decorators:
        if public_decorator(pf, e, "flask", model):
            route.public, route.reason = True, f"@{pf.dotted(e)}"
            return
    markers = [(e, auth_decorator(pf, e, "flask", model, facts)) for e in decorators]
    markers = [(e, m) for e, m in markers if m]
    if markers:
        route.protected, route.reason = True, f"@{markers[0][1]}"
        route.admin_only = any(_admin(pf.text(e)) for e, _ in markers)
        return
    if class_guard:
        route.protected, route.reason = True, class_guard
        route.admin_only = _admin(class_guard)
        return
    if guard:
        route.protected, route.reason = True, guard
        return
    check = body_check(pf, d.node, CHECKS, model, facts)
    if check:
        route.protected, route.reason = True, check
        return
    model.settle_unguarded(route, bool(facts.project))


def _admin(marker: str) -> bool:
    low = marker.lower()
    return any(w in low for w in ("admin", "staff", "superuser", "role", "permission"))


def _class_routes(pf: PyFile, d: Definition, path: str, receiver: str, model: AccessModel, facts: Facts,
                  guard: str) -> list[Route]:
    cls = d.node
    class_name = pf.text(d.name_node)
    class_guard = (_guard_decorators(pf, pf.class_attr(cls, "decorators"), model, facts)
                   or _guard_decorators(pf, pf.class_attr(cls, "method_decorators"), model, facts))
    if class_guard:
        class_guard = f"@{class_guard} in the class's decorators"
    elif facts.key_in("flask_registered_guarded", pf.module, class_name):
        class_guard = "the auth decorators it is registered with"
    else:
        for base in pf.class_bases(cls):
            if last_name(base) in facts.names("protected_classes"):
                class_guard = f"the base class {base}"
    out = []
    for m in pf.methods(cls):
        name = pf.text(m.name_node)
        if name not in HTTP_METHODS:
            continue
        first = m.decorators[0] if m.decorators else m.node
        route = Route("flask", (name.upper(),), path, f"{class_name}.{name}", first.start_byte, first.end_byte,
                      m.outer.start_point[0])
        _decide(pf, m, route, guard, model, facts, extra_decorators=list(d.decorators), class_guard=class_guard)
        out.append(route)
    return out


def _url_rules(pf: PyFile, model: AccessModel, facts: Facts) -> dict[str, tuple[str, str, str]]:
    """View name -> (receiver, path, auth wrapper) from add_url_rule / add_resource calls."""
    out: dict[str, tuple[str, str, str]] = {}
    for call in walk(pf.root, {"call"}, doc=pf.doc):
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "attribute":
            continue
        method = pf.text(fn.child_by_field_name("attribute"))
        if method not in ("add_url_rule", "add_resource"):
            continue
        receiver = pf.dotted(fn.child_by_field_name("object"))
        args = call_args(call)
        pos = positional(args)
        if method == "add_resource":
            if not pos:
                continue
            target, path_node = pos[0], (pos[1] if len(pos) > 1 else None)
        else:
            path_node = pos[0] if pos else keyword(pf.doc, args, "rule")
            target = keyword(pf.doc, args, "view_func") or (pos[2] if len(pos) > 2 else None)
        if target is None:
            continue
        path = string_value(pf.doc, path_node) or ""
        wrapped = ""
        node = target
        while node is not None and node.type == "call":
            callee = pf.dotted(node.child_by_field_name("function"))
            if last_name(callee) == "as_view":
                break
            marker = auth_decorator(pf, node, "flask", model, facts)
            if marker:
                wrapped = f"{marker}() around the view in {method}"
            inner = positional(call_args(node))
            node = inner[0] if inner else None
        name = pf.dotted(node) if node is not None and node.type != "call" else pf.dotted(
            node.child_by_field_name("function")) if node is not None else ""
        if name.endswith(".as_view"):
            name = name[: -len(".as_view")]
        if name:
            out[last_name(name)] = (receiver, path, wrapped)
    return out
