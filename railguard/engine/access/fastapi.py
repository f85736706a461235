"""FastAPI routes and what protects them.

Protection: an authenticating dependency (`Depends`/`Security`) in the path
operation's parameters (also through `Annotated` aliases such as
`CurrentUser`), in the route's `dependencies=[...]`, on its APIRouter or on the
app, including routers included with `include_router(..., dependencies=[...])`
in another module; an APIRouter built with `route_class=` a project `APIRoute`
subclass whose `get_route_handler()` wraps every handler in a check that refuses
the caller (401/403); or an HTTPException(401/403) raised in the handler.
A dependency authenticates when it is a security scheme (OAuth2PasswordBearer,
HTTPBearer, APIKeyHeader, ...), raises 401/403, or depends on one that does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from railguard.engine.access.layers import layers
from railguard.engine.access.model import Route, normalize_path
from railguard.engine.access.pyauth import body_check, public_decorator
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

ROUTE_METHODS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
                 "head": "HEAD", "options": "OPTIONS", "trace": "TRACE", "websocket": "WEBSOCKET"}


def is_fastapi_file(pf: PyFile) -> bool:
    t = pf.doc.text
    return "fastapi" in t.lower() or "APIRouter" in t or "Depends(" in t


def _dep_name(pf: PyFile, call: Node) -> str:
    args = call_args(call)
    pos = positional(args)
    target = pos[0] if pos else keyword(pf.doc, args, "dependency")
    if target is None:
        return ""
    if target.type == "call":
        return pf.dotted(target.child_by_field_name("function"))
    return pf.dotted(target)


def dependency_names(pf: PyFile, node: Node | None, model: AccessModel) -> list[str]:
    """Names of the dependencies in `Depends(x)`/`Security(x)` calls under node."""
    if node is None:
        return []
    if node.type in ("identifier", "attribute"):  # dependencies=AUTH: a constant list, resolved by name
        return [pf.dotted(node)]
    calls = model.fw("fastapi").names("dependency-calls")
    out = []
    for call in walk(node, {"call"}, doc=pf.doc):
        if last_name(pf.dotted(call.child_by_field_name("function"))) in calls:
            name = _dep_name(pf, call)
            if name:
                out.append(name)
    return out


def param_dependencies(pf: PyFile, fn: Node, model: AccessModel) -> list[str]:
    """Dependencies of a function's parameters, and the type names used (aliases like CurrentUser)."""
    deps, types = param_parts(pf, fn, model)
    return deps + types


def param_parts(pf: PyFile, fn: Node, model: AccessModel) -> tuple[list[str], list[str]]:
    params = fn.child_by_field_name("parameters")
    if params is None:
        return [], []
    types: list[str] = []
    for p in params.named_children:
        t = p.child_by_field_name("type")
        if t is not None:
            types += [pf.text(i) for i in walk(t, {"identifier"}, doc=pf.doc)]
    return dependency_names(pf, params, model), types


def collect(pf: PyFile, raw: dict[str, Any], model: AccessModel) -> None:
    fw = model.fw("fastapi")
    deps = raw["fastapi_deps"]
    schemes = fw.names("auth-scheme-constructors")
    for name, call in pf.assigned.items():
        if call.type == "call":
            callee = pf.dotted(call.child_by_field_name("function"))
            if last_name(callee) in schemes or last_name(callee) in fw.names("auth-factory-calls") and "." in callee:
                deps[name] = {"auth": True, "refs": []}
        if call.type in ("subscript", "generic_type", "call", "list", "tuple") or "Annotated" in pf.text(call)[:12]:
            refs = dependency_names(pf, call, model)
            if "Annotated" in pf.text(call)[:12]:  # an alias of an alias: `Member = Annotated[UserParam, ...]`
                refs += [pf.text(i) for i in walk(call, {"identifier"}, doc=pf.doc)
                         if pf.text(i) != name and pf.text(i)[:1].isupper() and pf.text(i) != "Annotated"]
            if refs:
                deps.setdefault(name, {"auth": False, "refs": []})["refs"] += refs
    for d in pf.classes():
        name = pf.text(d.name_node)
        bases = [last_name(b) for b in pf.class_bases(d.node)]
        if any(b in schemes for b in bases):
            deps[name] = {"auth": True, "refs": []}
            continue
        if any(b in fw.names("route-base-classes") for b in bases):
            # a route class that wraps each handler of its routers in a check of the caller
            handler = next((m for m in pf.methods(d.node) if pf.text(m.name_node) == "get_route_handler"), None)
            if handler is not None and fw.has_check(code_text(pf.doc, handler.node)):
                deps[name] = {"auth": True, "refs": []}
            continue
        call = next((m for m in pf.methods(d.node) if pf.text(m.name_node) == "__call__"), None)
        if call is not None:
            deps[name] = {"auth": bool(fw.has_check(pf.text(call.node))),
                          "refs": param_dependencies(pf, call.node, model)}
    for d in pf.functions():
        if d.name_node is None or pf.enclosing_class(d) is not None:
            continue
        name = pf.text(d.name_node)
        if any(_route_decorator(pf, e) for e in d.decorators):
            continue
        body = d.node.child_by_field_name("body")
        text = code_text(pf.doc, body) if body is not None else ""
        own = bool(body is not None and fw.has_check(text))
        refs = param_dependencies(pf, d.node, model)
        if own or refs:
            deps[name] = {"auth": own, "refs": refs}
        if _OBJECT_READ.search(text) and (own or any(layers().policy_calls.search(n) for n in _CALLED.findall(text)
                                                     if n not in _PLAIN_CALLS)):
            # it reads the record's id from the path and checks the caller against it (a factory's inner
            # function included): `requires_access_asset(method)`, a token whose subject must be the id
            raw.setdefault("fastapi_object_deps", []).append(name)
    for key in _middleware_guards(pf, model):
        if key == ANY_APP:  # installed by a project function on the app it is handed
            raw["fastapi_app_middleware"] = True
        else:
            raw["fastapi_objects"].append({"key": key, "kind": "app", "deps": [MIDDLEWARE_AUTH], "prefix": ""})
        deps[MIDDLEWARE_AUTH] = {"auth": True, "refs": []}
    for name, call in pf.constructed_with(fw.names("app-constructors") | fw.names("router-constructors")).items():
        args = call_args(call)
        kind = "app" if last_name(pf.dotted(call.child_by_field_name("function"))) in fw.names("app-constructors") else "router"
        raw["fastapi_objects"].append({
            "key": f"{pf.module}:{name}", "kind": kind,
            "deps": dependency_names(pf, keyword(pf.doc, args, "dependencies"), model),
            "prefix": string_value(pf.doc, keyword(pf.doc, args, "prefix")) or "",
        })
    for call in walk(pf.root, {"call"}, doc=pf.doc):
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "attribute" or pf.text(fn.child_by_field_name("attribute")) != "include_router":
            continue
        args = call_args(call)
        pos = positional(args)
        if not pos:
            continue
        pm, pv = pf.origin(pf.dotted(fn.child_by_field_name("object")))
        for child in _iterated(pf, pos[0]) or [pf.dotted(pos[0])]:
            cm, cv = pf.origin(child)
            raw["fastapi_includes"].append({
                "parent": f"{pm}:{pv}", "child": f"{cm}:{cv}",
                "deps": dependency_names(pf, keyword(pf.doc, args, "dependencies"), model),
                "prefix": string_value(pf.doc, keyword(pf.doc, args, "prefix")) or "",
            })


def _iterated(pf: PyFile, node: Node) -> list[str]:
    """The routers a loop variable takes from a literal list or a module-level tuple of them
    (`for router in API_ROUTERS: app.include_router(router)`): their dotted names, else []."""
    if node.type != "identifier":
        return []
    name = pf.text(node)
    loop = node.parent
    while loop is not None and loop.type != "for_statement":
        loop = loop.parent
    if loop is None or pf.text(loop.child_by_field_name("left")) != name:
        return []
    items = loop.child_by_field_name("right")
    if items is not None and items.type == "identifier":
        items = _module_literal(pf, pf.text(items))
    if items is None or items.type not in ("tuple", "list"):
        return []
    return [pf.dotted(e) for e in items.named_children if e.type in ("identifier", "attribute")]


def _module_literal(pf: PyFile, name: str) -> Node | None:
    """The tuple or list literal a module-level name is assigned."""
    for stmt in pf.root.named_children:
        expr = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if expr is None or expr.type != "assignment":
            continue
        left, right = expr.child_by_field_name("left"), expr.child_by_field_name("right")
        if left is not None and right is not None and pf.text(left) == name and right.type in ("tuple", "list"):
            return right
    return None


# a dependency reads the id of the record a route works on
_OBJECT_READ = re.compile(r"\bpath_params\b")
_CALLED = re.compile(r"([A-Za-z_]\w*)\s*\(")
_PLAIN_CALLS = frozenset({"get", "str", "int", "len", "getattr", "isinstance"})


MIDDLEWARE_AUTH = "<auth middleware>"
# the app a middleware is installed on is a parameter of the installing function
# (`def add_permission_middleware(app): @app.middleware("http") ...`): every app of the project
ANY_APP = "*"


def _middleware_guards(pf: PyFile, model: AccessModel) -> list[str]:
    """Apps guarded by an HTTP middleware that checks every request: `@app.middleware("http")`
    functions and BaseHTTPMiddleware subclasses added with `app.add_middleware(...)` whose code
    rejects the caller (401/403) or verifies a token."""
    fw = model.fw("fastapi")
    out: list[str] = []
    checking_classes: set[str] = set()
    for d in pf.classes():
        if any(last_name(b) in ("BaseHTTPMiddleware",) for b in pf.class_bases(d.node)):
            dispatch = next((m for m in pf.methods(d.node) if pf.text(m.name_node) == "dispatch"), None)
            if dispatch is not None and fw.has_check(code_text(pf.doc, dispatch.node)):
                checking_classes.add(pf.text(d.name_node))
    for d in pf.functions():
        for e in d.decorators:
            if e.type != "call":
                continue
            callee = pf.dotted(e.child_by_field_name("function"))
            pos = positional(call_args(e))
            if last_name(callee) == "middleware" and pos and string_value(pf.doc, pos[0]) == "http" \
                    and fw.has_check(code_text(pf.doc, d.node)):
                target = callee.rsplit(".", 1)[0]
                if target in _enclosing_params(pf, d.outer):
                    out.append(ANY_APP)
                    continue
                module, var = pf.origin(target)
                out.append(f"{module}:{var}")
    for call in walk(pf.root, {"call"}, doc=pf.doc):
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "attribute" or pf.text(fn.child_by_field_name("attribute")) != "add_middleware":
            continue
        pos = positional(call_args(call))
        if pos and (last_name(pf.dotted(pos[0])) in checking_classes or
                    _imported_auth_middleware(pf, pf.dotted(pos[0]), model)):
            target = pf.dotted(fn.child_by_field_name("object"))
            if target in _enclosing_params(pf, call):
                out.append(ANY_APP)
                continue
            module, var = pf.origin(target)
            out.append(f"{module}:{var}")
    return out


def _enclosing_params(pf: PyFile, node: Node) -> set[str]:
    """The parameter names of the functions a node sits in."""
    names: set[str] = set()
    n = node.parent
    while n is not None:
        if n.type == "function_definition":
            names.update(pf.param_names(n))
        n = n.parent
    return names


def _imported_auth_middleware(pf: PyFile, name: str, model: AccessModel) -> bool:
    """A middleware class named for authentication (AuthenticationMiddleware, JWTAuthMiddleware)."""
    last = last_name(name)
    return bool(last) and "Middleware" in last and model.is_auth_name(last.replace("Middleware", ""), "fastapi") \
        and not model.not_auth.search(last)


def _route_decorator(pf: PyFile, expr: Node) -> tuple[str, str]:
    if expr.type != "call":
        return "", ""
    fn = expr.child_by_field_name("function")
    if fn is None or fn.type != "attribute":
        return "", ""
    method = pf.text(fn.child_by_field_name("attribute"))
    if method not in ROUTE_METHODS and method != "api_route":
        return "", ""
    return pf.dotted(fn.child_by_field_name("object")), method


def route_dependencies(pf: PyFile, d: Definition, model: AccessModel,
                       router: bool = True) -> list[str]:
    """The dependencies of a route: its registration's `dependencies=`, its parameters' and (with
    `router`) those of the router it is registered on in this file."""
    names: list[str] = []
    routers = pf.constructed_with(model.fw("fastapi").names("router-constructors")) if router else {}
    for e in d.decorators:
        receiver, method = _route_decorator(pf, e)
        if not method:
            continue
        names += dependency_names(pf, keyword(pf.doc, call_args(e), "dependencies"), model)
        if receiver in routers:
            names += dependency_names(pf, keyword(pf.doc, call_args(routers[receiver]), "dependencies"), model)
    return names + param_parts(pf, d.node, model)[0]


def object_checked(pf: PyFile, d: Definition, model: AccessModel, facts: Facts) -> bool:
    """A dependency of the route (see route_dependencies) checks the caller against the id in the
    path (facts: fastapi_object_deps): `Depends(requires_access_asset(method="GET"))`, a router
    built with `Security(require_auth, scopes=["ti:self"])` whose dependency compares the token's
    subject with `request.path_params["task_instance_id"]`."""
    checked = facts.names("fastapi_object_deps")
    return bool(checked) and any(n in checked or last_name(n) in checked for n in route_dependencies(pf, d, model))


_AUTH_TYPE = re.compile(r"^(current_?user|current_?active\w*|auth\w*|authenticated\w*|logged_?in\w*|"
                        r"\w*user_?dep|token_?dep|\w*principal)$", re.IGNORECASE)


class DependencyJudge:
    def __init__(self, model: AccessModel, facts: Facts) -> None:
        self.model = model
        self.known = facts.names("fastapi_auth_deps")
        self.refs: dict[str, list[str]] = facts.data.get("fastapi_dep_refs") or {}
        self.pattern = re.compile(model.fw("fastapi").value("auth-dependency-pattern", "$^"), re.IGNORECASE)

    def auth(self, names: list[str]) -> str:
        for n in names:
            last = last_name(n)
            if n in self.known or last in self.known:
                return n
            if self.model.is_auth_name(n, "fastapi") or (self.pattern.search(last)
                                                          and not self.model.not_auth.search(last)):
                return n
        return ""

    def auth_type(self, names: list[str], seen: frozenset[str] = frozenset()) -> str:
        for n in names:
            if n in self.known or _AUTH_TYPE.match(n):
                return n
            # an alias (`UserParam = Annotated[User, Depends(get_current_user)]`) or a chain of them,
            # whose dependency is judged an auth dependency by its name
            refs = self.refs.get(n) or self.refs.get(last_name(n)) or []
            if refs and n not in seen and (self.auth(refs) or self.auth_type(refs, seen | {n})):
                return n
        return ""


def routes(pf: PyFile, model: AccessModel, facts: Facts) -> list[Route]:
    fw = model.fw("fastapi")
    judge = DependencyJudge(model, facts)
    objs = pf.constructed_with(fw.names("app-constructors") | fw.names("router-constructors"))
    apps = set(pf.constructed_with(fw.names("app-constructors")))
    out: list[Route] = []
    for d in pf.functions():
        for e in d.decorators:
            receiver, method = _route_decorator(pf, e)
            if not receiver:
                continue
            args = call_args(e)
            pos = positional(args)
            path = string_value(pf.doc, pos[0] if pos else keyword(pf.doc, args, "path"))
            if path is None:
                continue
            if method == "api_route":
                methods = tuple(sorted({(string_value(pf.doc, m) or "").upper()
                                        for m in list_items(keyword(pf.doc, args, "methods"))} - {""})) or ("GET",)
            else:
                methods = (ROUTE_METHODS[method],)
            module, var = pf.origin(receiver)
            prefix = ""
            if receiver in objs:
                prefix = string_value(pf.doc, keyword(pf.doc, call_args(objs[receiver]), "prefix")) or ""
            full_prefix = facts.prefix_of("fastapi_prefix", module, var) or prefix
            name = pf.text(d.name_node)
            full = (full_prefix.rstrip("/") + path) if full_prefix else path
            root = facts.project and normalize_path(full) == "/"
            route = Route("fastapi", methods, full, name, e.start_byte, e.end_byte, d.outer.start_point[0],
                          app_level=receiver in apps or root)
            _decide(pf, d, route, receiver, objs, args, judge, model, facts)
            out.append(route)
            break
    return out


def _decide(pf: PyFile, d: Definition, route: Route, receiver: str, objs: dict[str, Node], args: list[Node],
            judge: DependencyJudge, model: AccessModel, facts: Facts) -> None:
    for e in d.decorators:
        if public_decorator(pf, e, "fastapi", model):
            route.public, route.reason = True, f"@{pf.dotted(e)}"
            return
    for e in d.decorators:
        # Starlette's `@requires("edit")` (request.auth scopes, set by an AuthenticationMiddleware) or a
        # project's auth decorator under the route decorator
        name = pf.dotted(e.child_by_field_name("function")) if e.type == "call" else pf.dotted(e)
        if name and not _route_decorator(pf, e)[0] and model.is_auth_name(name, "fastapi"):
            route.protected, route.reason = True, f"@{name}"
            route.admin_only = admin_dependency(pf.text(e))
            return
    dep = judge.auth(dependency_names(pf, keyword(pf.doc, args, "dependencies"), model))
    if dep:
        route.protected, route.reason = True, f"dependencies=[Depends({dep})] on the route"
        route.admin_only = admin_dependency(dep)
        return
    deps, types = param_parts(pf, d.node, model)
    dep = judge.auth(deps) or judge.auth_type(types)
    if dep:
        route.protected, route.reason = True, f"the dependency {dep} in its parameters"
        route.admin_only = admin_dependency(dep)
        if not route.admin_only and receiver in objs:  # the router's own dependencies may add the role
            router_dep = judge.auth(dependency_names(pf, keyword(pf.doc, call_args(objs[receiver]), "dependencies"),
                                                     model))
            if router_dep and admin_dependency(router_dep):
                route.admin_only, route.reason = True, f"{route.reason} and Depends({router_dep}) on {receiver}"
        return
    module, var = pf.origin(receiver)
    if receiver in objs:
        dep = judge.auth(dependency_names(pf, keyword(pf.doc, call_args(objs[receiver]), "dependencies"), model))
        if dep:
            route.protected, route.reason = True, f"Depends({dep}) on {receiver}"
            route.admin_only = admin_dependency(dep)
            return
        route_class = keyword(pf.doc, call_args(objs[receiver]), "route_class")
        name = pf.dotted(route_class) if route_class is not None else ""
        if name and (name in judge.known or last_name(name) in judge.known):
            route.protected, route.reason = True, f"route_class={name} on {receiver} checks the caller"
            return
    if facts.key_in("fastapi_guarded", module, var):
        route.protected, route.reason = True, f"an auth dependency where {receiver} is included"
        # `include_router(records, dependencies=[Depends(get_current_admin)])`: only admins reach it
        route.admin_only = facts.key_in("fastapi_admin_guarded", module, var)
        return
    check = body_check(pf, d.node, ("fastapi",), model, facts)
    if check:
        route.protected, route.reason = True, check
        return
    if not model.settle_unguarded(route, bool(facts.project)) and _made_in_function(d.node) and \
            facts.data.get("fastapi_auth_app"):
        # a router a factory function builds and returns (`def get_entity_router(handler): router =
        # APIRouter() ...`): where it is mounted is out of sight, and the project has an app that
        # authenticates every request; the editor shows it, commit and CI do not
        route.low_confidence = True


def _made_in_function(node: Node) -> bool:
    """The handler is defined inside a function (the factory that builds and returns its router)."""
    parent = node.parent
    while parent is not None:
        if parent.type == "function_definition":
            return True
        parent = parent.parent
    return False


def admin_dependency(name: str) -> bool:
    """A dependency (or decorator) whose name requires a role: admin, staff, a permission or a scope."""
    low = re.sub(r"admin[_-]?(api_?)?keys?\b", "", name.lower())  # a wallet's or tenant's admin key is no role
    return any(w in low for w in ("admin", "superuser", "staff", "role", "permission", "privilege", "scope"))
