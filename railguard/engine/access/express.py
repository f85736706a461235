"""Express (and Express-style Router, fastify) routes and what protects them.

Protection: auth middleware in the route's own handler list; `app.use(auth)` /
`router.use(auth)` registered before the route; a path-prefix guard
(`app.use('/admin', auth)`); a router or module mounted behind auth
(`app.use('/admin', requireAuth, adminRouter)`, in this file or another);
passport and express-jwt; project middleware that checks `req.user` or verifies
a token; checks inside the handler (`req.isAuthenticated()`, `res.status(401)`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from railguard.engine.access import express_handlers, intent
from railguard.engine.access.express_index import pattern_prefixes
from railguard.engine.access.express_scopes import factory_scope, handoff_edges, scope_of
from railguard.engine.access.model import Route, normalize_path
from railguard.engine.access.tree import (
    call_args,
    code_text,
    dotted,
    find,
    last_name,
    string_value,
    walk,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.facts import Facts
    from railguard.engine.access.model import AccessModel
    from railguard.engine.document import Document

FUNCTION_TYPES = frozenset({"arrow_function", "function_expression", "function_declaration", "function",
                            "generator_function_declaration", "method_definition"})
_JS_EXT = re.compile(r"\.(m|c)?(j|t)sx?$")


# a server-side routing file: it loads a server framework, builds a Router, or has (req, res) handlers;
# frontends that call `api.get('/users', params)` on an HTTP client have none of these
_SERVER_FILE = re.compile(r"""require\(\s*['"](express|fastify|koa|@koa/router|koa-router|restify)['"]\s*\)|"""
                          r"""from\s+['"](express|fastify|koa|@koa/router|koa-router|restify)['"]|"""
                          r"""\bexpress\.Router\(|\bRouter\(\s*\)|\(\s*req\s*(:\s*\w+\s*)?,\s*res\b""")
HANDLER_TYPES = FUNCTION_TYPES | {"identifier", "member_expression", "call_expression", "array"}


# build-tool configuration: a dev server's mock API (`devServer.setupMiddlewares: app.get(...)`) or a
# proxy set-up runs only on a developer's machine while the front end is built, never in the application
_BUILD_CONFIG = re.compile(
    r"(^|/)((webpack|vite|vitest|rollup|rspack|rsbuild|esbuild|jest|karma|babel|postcss|tailwind|next|nuxt|svelte|"
    r"astro|playwright|cypress|snowpack|craco|vue|quasar|electron\.vite)(\.[\w-]+)*\.config|webpack(\.[\w-]+)+|"
    r"gulpfile|gruntfile|setupproxy)\.(m|c)?(j|t)s$", re.IGNORECASE)


def is_build_config(path: str) -> bool:
    return bool(_BUILD_CONFIG.search(path.replace("\\", "/")))


def is_express_file(doc: Document) -> bool:
    if is_build_config(doc.path):
        return False
    t = doc.text
    return bool(_SERVER_FILE.search(t)) and (".get(" in t or ".post(" in t or ".use(" in t or ".route(" in t
                                             or ".put(" in t or ".delete(" in t or ".patch(" in t)


_FACTORY_RETURN = re.compile(r"\breturn\s+[\w$.]+\(\s*\)")
_HANDLER_PARAMS = re.compile(r"\(\s*(req|request)\s*(:\s*\w+\s*)?,\s*(res|response)\b")


def indexable(doc: Document) -> bool:
    """A file the project index reads: routes, middleware, request handlers a route names from another
    module, or a function that returns another module's router (`keys: function () { return keys.app(); }`)."""
    if is_build_config(doc.path):
        return False
    t = doc.text
    return is_express_file(doc) or bool(_HANDLER_PARAMS.search(t)) or (
        "require(" in t and bool(_FACTORY_RETURN.search(t)))


def module_key(path: str) -> str:
    p = _JS_EXT.sub("", path.replace("\\", "/"))
    if p.endswith("/index"):
        p = p[: -len("/index")]
    return p


def resolve_module(from_path: str, spec: str) -> str:
    if not spec.startswith("."):
        return ""
    base = posixpath.dirname(from_path.replace("\\", "/"))
    return module_key(posixpath.normpath(posixpath.join(base, spec)))


@dataclass
class JsFile:
    doc: Document
    model: AccessModel
    facts: Facts
    key: str = ""
    imports: dict[str, str] = field(default_factory=dict)  # local name -> module key
    functions: dict[str, Node] = field(default_factory=dict)  # name -> function node
    apps: set[str] = field(default_factory=set)
    routers: set[str] = field(default_factory=set)
    arrays: dict[str, Node] = field(default_factory=dict)  # file-level and exported middleware lists

    def __post_init__(self) -> None:
        self.key = module_key(self.doc.path)
        root = self.doc.tree.root_node
        ex = self.model.fw("express")
        app_ctors = ex.names("app-constructors")
        router_ctors = ex.names("router-constructors")
        for node in walk(root, {"variable_declarator", "assignment_expression", "import_statement",
                                "function_declaration", "pair"}, doc=self.doc):
            if node.type == "import_statement":
                src = node.child_by_field_name("source")
                spec = string_value(self.doc, src) or ""
                mod = resolve_module(self.doc.path, spec)
                for ident in walk(node, {"identifier"}, doc=self.doc):
                    self.imports[self.doc.node_text(ident)] = mod or f"pkg:{spec}"
                continue
            if node.type == "function_declaration":
                name = node.child_by_field_name("name")
                if name is not None:
                    self.functions[self.doc.node_text(name)] = node
                continue
            if node.type == "pair":
                key = node.child_by_field_name("key")
                value = node.child_by_field_name("value")
                if key is not None and value is not None and value.type in FUNCTION_TYPES:
                    self.functions.setdefault(self.doc.node_text(key), value)
                elif key is not None and value is not None and value.type == "array":
                    self.arrays.setdefault(self.doc.node_text(key), value)
                continue
            left = node.child_by_field_name("name") or node.child_by_field_name("left")
            value = node.child_by_field_name("value") or node.child_by_field_name("right")
            if left is None or value is None:
                continue
            name = dotted(self.doc, left) if left.type != "object_pattern" else ""
            if left.type == "object_pattern":  # const { requireAuth } = require('./auth')
                req = self._require_spec(value)
                if req is not None:
                    for ident in walk(left, {"shorthand_property_identifier_pattern", "identifier"}, doc=self.doc):
                        self.imports[self.doc.node_text(ident)] = resolve_module(self.doc.path, req) or f"pkg:{req}"
                continue
            short = name.split(".")[-1] if name.startswith(("exports.", "module.exports.")) else name
            if value.type in FUNCTION_TYPES:
                self.functions[short] = value
                continue
            if value.type == "array":
                if name != short or _top_level(node):  # exported, or declared at module level
                    self.arrays.setdefault(short, value)
                continue
            req = self._require_spec(value)
            if req is not None:
                self.imports[short] = resolve_module(self.doc.path, req) or f"pkg:{req}"
                continue
            ctor = ""
            if value.type == "new_expression":
                ctor = dotted(self.doc, value.child_by_field_name("constructor"))
            elif value.type == "call_expression":
                ctor = dotted(self.doc, value.child_by_field_name("function"))
            if ctor in router_ctors or last_name(ctor) in router_ctors:
                self.routers.add(short)
            elif ctor in app_ctors or last_name(ctor) in app_ctors:
                self.apps.add(short)

    def _require_spec(self, node: Node) -> str | None:
        while node.type in ("call_expression", "member_expression") and node.type != "":
            if node.type == "call_expression":
                fn = node.child_by_field_name("function")
                if fn is not None and fn.type == "identifier" and self.doc.node_text(fn) == "require":
                    args = call_args(node)
                    return string_value(self.doc, args[0]) if args else None
                node = fn if fn is not None else node
                if fn is None:
                    return None
            else:
                node = node.child_by_field_name("object")
                if node is None:
                    return None
        return None

    def module_of(self, spec: str) -> str:
        """The module key a `require`/`import` specifier names from this file ("" for a package)."""
        return resolve_module(self.doc.path, spec)

    def dev_only(self, node: Node) -> bool:
        """`node` runs only in the branch of an `if` on a development flag (`if (isDev) { ... }`)."""
        return intent.dev_only(self.doc, node)

    # ----------------------------------------------------------- judgements

    def is_receiver(self, name: str) -> bool:
        if name in self.apps or name in self.routers:
            return True
        return bool(re.match(self.model.fw("express").value("receiver-names"), name))

    def local_value(self, ident: Node) -> Node | None:
        """The value a local name was declared with in the nearest enclosing scope that declares it."""
        name = self.doc.node_text(ident)
        scope = ident.parent
        while scope is not None:
            if scope.type in FUNCTION_TYPES:
                params = scope.child_by_field_name("parameters")
                if params is not None and any(self.doc.node_text(p) == name for p in params.named_children):
                    return None
            if scope.type in ("statement_block", "program"):
                for stmt in scope.named_children:
                    if stmt.type not in ("lexical_declaration", "variable_declaration"):
                        continue
                    for decl in stmt.named_children:
                        left = decl.child_by_field_name("name")
                        if decl.type == "variable_declarator" and left is not None and self.doc.node_text(left) == name:
                            return decl.child_by_field_name("value")
            scope = scope.parent
        return None

    def auth_middleware(self, node: Node, depth: int = 0) -> str:
        """The name of an auth middleware expression, else "": a guard by name, a project function
        that checks the caller, or a list of middleware (local, or exported by another module) with one."""
        ex = self.model.fw("express")
        if depth > 4:
            return ""
        if node.type == "array":
            for item in node.named_children:
                found = self.auth_middleware(item, depth + 1)
                if found:
                    return found
            return ""
        if node.type == "identifier":
            value = self.local_value(node)
            if value is not None and value.type in ("array", "call_expression", "identifier", "member_expression"):
                found = self.auth_middleware(value, depth + 1)
                if found or value.type == "array":
                    return found
        if node.type == "call_expression":
            fn = node.child_by_field_name("function")
            if fn is not None and fn.type == "member_expression" and \
                    self.doc.node_text(fn.child_by_field_name("property")) == "concat":  # list.concat([auth])
                for part in [fn.child_by_field_name("object"), *call_args(node)]:
                    found = self.auth_middleware(part, depth + 1) if part is not None else ""
                    if found:
                        return found
                return ""
            if re.search(ex.value("not-protecting-call"), self.doc.node_text(node)):
                return ""
            name = dotted(self.doc, fn)
        elif node.type in ("identifier", "member_expression"):
            name = dotted(self.doc, node)
        else:
            return ""
        if not name or self.lets_anonymous_through(name):
            return ""
        project = self.facts.section("express")
        names = frozenset(project.get("auth_middleware") or ()) | frozenset(self.local_auth_functions())
        if self.model.is_auth_name(name, "express", names):
            return name
        head = name.split(".")[0]
        mod = self.imports.get(head, "")
        if mod and mod in (project.get("auth_modules") or ()):
            return name
        exports = project.get("auth_exports") or ()
        if mod and f"{mod}#{last_name(name)}" in exports:
            return name
        if self.guard_named(name):
            return name
        if head in ("passport",) and last_name(name) == "authenticate":
            return name
        return ""

    def guard_named(self, name: str) -> bool:
        """A middleware named for what guards do (authMember, needsPermission, checkPrivileges, isAdmin)."""
        last = last_name(name)
        pattern = self.model.fw("express").value("guard-name-pattern")
        return bool(pattern) and bool(re.search(pattern, last)) and not self.model.not_auth.search(last)

    def auth_lists(self) -> list[str]:
        """File-level and exported middleware lists that contain an auth middleware."""
        return sorted(name for name, arr in self.arrays.items() if self.auth_middleware(arr))

    def is_public_middleware(self, node: Node) -> bool:
        name = dotted(self.doc, node.child_by_field_name("function")) if node.type == "call_expression" else dotted(self.doc, node)
        if not name or self.guard_named(name):
            return False
        words = {w.lower() for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])", last_name(name)) if w}
        return self.model.is_public_name(name, "express") or bool(
            words & set(self.model.fw("express").value("public-name-words") or ()))

    def lets_anonymous_through(self, name: str) -> bool:
        """A middleware of this file whose only refusal applies when a user is present
        (`if (req.member && req.member.banned) return next(err); next();`): whatever its
        name, an anonymous request passes it, so it is no authentication guard."""
        fn = self.functions.get(name)
        body = fn.child_by_field_name("body") if fn is not None else None
        if body is None:
            return False
        text = code_text(self.doc, body)
        refusals = len(_REFUSAL.findall(text))
        return refusals == 1 and bool(re.search(
            r"\bif\s*\(\s*req\.\w+\s*&&[^{]*\)\s*\{?\s*(return\s+)?[^;]*?" + _REFUSAL.pattern, text))

    def local_auth_functions(self) -> list[str]:
        cached = self.doc.__dict__.get("_access_local_auth")
        if cached is not None:
            return cached
        ex = self.model.fw("express")
        out = []
        for name, fn in self.functions.items():
            params = fn.child_by_field_name("parameters")
            body = fn.child_by_field_name("body")
            if body is None:
                continue
            n_params = len(params.named_children) if params is not None else 0
            text = code_text(self.doc, body)
            inner = find(self.doc, body, FUNCTION_TYPES)
            middleware_shaped = n_params >= 3 or any(
                f.child_by_field_name("parameters") is not None
                and len(f.child_by_field_name("parameters").named_children) >= 3 for f in inner)
            if middleware_shaped and ex.has_check(text) and "next" in text:
                out.append(name)
        self.doc.__dict__["_access_local_auth"] = out
        return out

    def handler_check(self, node: Node) -> str:
        ex = self.model.fw("express")
        fn = node
        if node.type == "identifier" and self.doc.node_text(node) in self.functions:
            fn = self.functions[self.doc.node_text(node)]
        if fn.type == "call_expression":
            # a handler wrapped for its errors (`error_catcher(async (req, res) => ...)`,
            # `asyncHandler(fn)`): the function handed to the wrapper is the handler
            args = fn.child_by_field_name("arguments")
            inner = [a for a in args.named_children if a.type in FUNCTION_TYPES] if args is not None else []
            if len(inner) == 1:
                fn = inner[0]
        if fn.type not in FUNCTION_TYPES:
            return ""
        body = fn.child_by_field_name("body")
        if body is None:
            return ""
        text = code_text(self.doc, body)
        m = next((rx.search(text) for rx in ex.checks if rx.search(text)), None)
        if m:
            return f"an in-handler check ({m.group(0)[:40]})"
        # a project helper the handler calls with the request or the user, that checks and refuses
        for name in dict.fromkeys(re.findall(r"\b([A-Za-z_$][\w$]*)\s*\(\s*(?:req\b|request\b|[\w.]*\b(?:user|uid|userId))",
                                             text)):
            helper = self.functions.get(name)
            if helper is None or helper is fn or helper.child_by_field_name("body") is None:
                continue
            inner = code_text(self.doc, helper.child_by_field_name("body"))
            if any(rx.search(inner) for rx in ex.checks):
                return f"a check in {name}()"
        return ""


def _top_level(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in FUNCTION_TYPES:
            return False
        parent = parent.parent
    return True


def _path_arg(doc: Document, node: Node) -> str | None:
    if node.type == "array":
        vals = [string_value(doc, c) for c in node.named_children]
        vals = [v for v in vals if v is not None]
        return vals[0] if vals else None
    if node.type == "regex":
        return doc.node_text(node)
    return string_value(doc, node)


def _covers(prefix: str, path: str) -> bool:
    p = normalize_path(prefix)
    q = normalize_path(path)
    return p == "/" or q == p or q.startswith(p + "/")


def collect(doc: Document, model: AccessModel, facts: Facts) -> dict[str, Any]:
    """What this file tells the project index; the loads of its handlers (express_handlers.py) once,
    in the second pass (they need no project fact)."""
    js = JsFile(doc, model, facts)
    _, exported = analyze(doc, model, facts, js)
    if facts.data:
        exported["handlers"] = express_handlers.exported(js)
    return exported


def analyze(doc: Document, model: AccessModel, facts: Facts,
            js: JsFile | None = None) -> tuple[list[Route], dict[str, Any]]:
    js = js or JsFile(doc, model, facts)
    ex = model.fw("express")
    methods = ex.names("route-methods")
    root = doc.tree.root_node
    calls = find(doc, root, {"call_expression"})
    own_prefix = (facts.section("express").get("prefix") or {}).get(js.key, "")
    module_guarded = js.key in (facts.section("express").get("guarded_modules") or ())

    # pass 1: mounts (`X.use(prefix?, ...mw, router)`) — order of mounting does not matter for routes on a router
    router_guard: dict[str, str] = {}
    router_prefix: dict[str, str] = {}
    mounts: list[dict[str, Any]] = []
    global_guard: dict[str, list[tuple[int, str]]] = {}  # receiver -> [(byte, what)]
    prefix_guard: dict[str, list[tuple[int, str, str]]] = {}  # receiver -> [(byte, prefix, what)]
    path_guards: list[str] = []
    for call in calls:
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "member_expression":
            continue
        verb = doc.node_text(fn.child_by_field_name("property"))
        if verb not in ("use", "all"):
            continue
        receiver = dotted(doc, fn.child_by_field_name("object"))
        if not receiver or not js.is_receiver(receiver):
            continue
        args = call_args(call)
        if verb == "all":
            path_guards += _path_guard(js, receiver, args)
            continue
        prefix = ""
        if args and _path_arg(doc, args[0]) is not None and args[0].type != "regex":
            prefix = _path_arg(doc, args[0]) or ""
            args = args[1:]
        guard_here = ""
        mounted_any = False
        earlier = [w for b, w in global_guard.get(receiver, []) if b < call.start_byte]
        earlier += [w for b, p, w in prefix_guard.get(receiver, []) if b < call.start_byte and _covers(p, prefix or "/")]
        for a in args:
            mw = js.auth_middleware(a)
            if mw:
                guard_here = guard_here or mw
                continue
            child = _mounted_module(js, a)
            parent = js.key
            if not child and a.type == "call_expression":  # a router factory: adminRoutes(), settings.keys()
                child, parent = factory_scope(js, a), scope_of(js, call)
            if child or (dotted(doc, a) in js.routers):
                mounted_any = True
            if child:
                guarded = guard_here or (earlier[0] if earlier else "")
                mounts.append({"parent": parent, "child": child, "prefix": prefix, "guarded": bool(guarded),
                               "dev": js.dev_only(call)})
            name = dotted(doc, a) if a.type in ("identifier", "member_expression") else ""
            if name and name in js.routers:
                if guard_here or earlier:
                    router_guard[name] = guard_here or earlier[0]
                router_prefix[name] = prefix
        if guard_here and not mounted_any:
            if prefix:
                prefix_guard.setdefault(receiver, []).append((call.start_byte, prefix, guard_here))
                if _is_application(js, receiver):
                    path_guards += pattern_prefixes(prefix)
            else:
                global_guard.setdefault(receiver, []).append((call.start_byte, guard_here))

    mounts += handoff_edges(js, calls)
    exported = {"auth_middleware": js.local_auth_functions(), "mounts": mounts, "path_guards": path_guards,
                "auth_exports": [f"{js.key}#{n}" for n in js.auth_lists()]}
    section = facts.section("express")
    guarded_scopes = frozenset(section.get("guarded_modules") or ())
    scope_prefixes: dict[str, list[str]] = section.get("prefixes") or {}
    project_guards = [p for p in section.get("path_guards") or () if p]
    dev_scopes = frozenset(section.get("dev_scopes") or ())
    if _default_export_is_auth(js):
        exported["auth_modules"] = [js.key]

    # pass 2: routes
    routes: list[Route] = []
    groups: list[tuple[str, int]] = []  # the router and the function that registers each route
    finals: list[Node] = []  # each route's final handler
    mounted_open: set[int] = set()  # routes whose router is mounted where we see it, without a guard
    for call in calls:
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "member_expression":
            continue
        method = doc.node_text(fn.child_by_field_name("property"))
        if method not in methods:
            continue
        obj = fn.child_by_field_name("object")
        args = call_args(call)
        path: str | None
        if obj is not None and obj.type == "call_expression" and _is_route_chain(doc, obj):
            base = obj
            while base.type == "call_expression" and doc.node_text(
                    base.child_by_field_name("function").child_by_field_name("property")) != "route":
                base = base.child_by_field_name("function").child_by_field_name("object")
            receiver = dotted(doc, base.child_by_field_name("function").child_by_field_name("object"))
            base_args = call_args(base)
            path = _path_arg(doc, base_args[0]) if base_args else None
            handlers = args
            anchor = base
        else:
            receiver = dotted(doc, obj)
            if not args:
                continue
            path = _path_arg(doc, args[0])
            handlers = args[1:]
            anchor = call
            if method == "get" and len(args) == 1:
                continue  # app.get('setting')
        if path is None or not receiver or not js.is_receiver(receiver) or not handlers:
            continue
        if handlers[-1].type not in HANDLER_TYPES:
            continue
        if method == "use" and not _use_is_handler(js, handlers[-1]):
            continue  # a mounted router, an auth or infrastructure middleware: not an endpoint
        if not (path.startswith("/") or path == "*" or path.startswith("{")):
            continue
        if handlers and handlers[0].type == "object" and "fastify" in doc.text:  # fastify route options
            opts = doc.node_text(handlers[0])
            handlers = handlers[1:] or handlers
        else:
            opts = ""
        stmt = anchor
        while stmt.parent is not None and stmt.parent.type not in ("program", "statement_block", "export_statement"):
            stmt = stmt.parent
        prefix = router_prefix.get(receiver, "") if receiver in js.routers else ""
        scope = scope_of(js, anchor)
        bases = scope_prefixes.get(scope) or [own_prefix]
        base = bases[0] if len(bases) == 1 else own_prefix
        full = (base.rstrip("/") + prefix.rstrip("/") + path) if (base or prefix) else path
        verb = "ALL" if method in ("all", "use") else ("DELETE" if method == "del" else method.upper())
        route = Route("express", (verb,), full, _handler_name(doc, handlers[-1]) or f"{verb} {path}",
                      anchor.start_byte, call.end_byte if anchor is call else anchor.end_byte,
                      stmt.start_point[0], app_level=receiver in js.apps or receiver == "app"
                      or (facts.project and normalize_path(full) == "/"))
        _decide(js, route, call, receiver, path, handlers, opts, router_guard, global_guard, prefix_guard,
                module_guarded or scope in guarded_scopes)
        if route.unprotected and (scope in dev_scopes or js.key in dev_scopes):
            route.public, route.reason = True, "registered only in development (its module is mounted under a development flag)"
        if route.unprotected and project_guards and not route.public:
            variants = [b.rstrip("/") + prefix.rstrip("/") + path for b in bases] if bases != [""] else [full]
            covering = [next((g for g in project_guards if _covers(g, v)), "") for v in variants]
            if all(covering):
                route.protected, route.reason = True, f"a guard on every path under {covering[0]}"
        route.end = min(route.end, anchor.end_byte)
        routes.append(route)
        groups.append((receiver, _scope_start(anchor)))
        finals.append(handlers[-1])
        if receiver in router_prefix or scope in scope_prefixes or own_prefix:
            mounted_open.add(id(route))  # we saw where it is mounted, and no guard runs there
    guards_elsewhere = bool(section.get("auth_middleware") or section.get("guarded_modules")
                            or section.get("path_guards") or section.get("auth_exports"))
    _weigh(js, routes, groups, finals, mounted_open if guards_elsewhere else set())
    return routes, exported


def _is_application(js: JsFile, receiver: str) -> bool:
    return receiver in js.apps or receiver in ("app", "server")


def _loose_path(doc: Document, node: Node) -> str | None:
    """A path written as a literal, or as a configured base plus a literal (`relativePath + '/admin'`)."""
    value = _path_arg(doc, node)
    if value is not None or node.type != "binary_expression":
        return value
    right = node.child_by_field_name("right")
    return string_value(doc, right) if right is not None else None


def _path_guard(js: JsFile, receiver: str, args: list[Node]) -> list[str]:
    """`app.all('/admin*', ensureLoggedIn, isAdmin)`: every argument after the path is middleware and
    one of them checks the caller: a guard for every route of the application under those prefixes."""
    if not args or not _is_application(js, receiver):
        return []
    pattern = _loose_path(js.doc, args[0])
    rest = args[1:]
    if pattern is None or not rest or not js.auth_middleware(rest[-1]):
        return []
    if any(a.type in FUNCTION_TYPES for a in rest):
        return []
    return pattern_prefixes(pattern)


def _scope_start(node: Node) -> int:
    parent = node.parent
    while parent is not None and parent.type not in FUNCTION_TYPES:
        parent = parent.parent
    return parent.start_byte if parent is not None else -1


_REFUSAL = re.compile(r"(next\(\s*new\s+[\w.]+|status\(\s*40[13]|sendStatus\(\s*40[13])")
_DELEGATION = re.compile(r"^\s*\{?\s*(return\s+)?(await\s+)?[\w.$]+\(\s*req\s*,\s*res(\s*,\s*next)?\s*\)\s*;?\s*\}?\s*$")


def _handler_visible(js: JsFile, node: Node) -> bool:
    """The handler's own code is in this file and does the work itself (not a call that hands the
    request to code elsewhere, where a check may be)."""
    fn = node
    if node.type == "identifier":
        fn = js.functions.get(js.doc.node_text(node), node)
    if fn.type not in FUNCTION_TYPES:
        return False
    body = fn.child_by_field_name("body")
    return body is not None and not _DELEGATION.match(code_text(js.doc, body))


_MEMBER_USE = re.compile(r"\breq\.(?:user|session\.user|session\.userId|auth)\b|\breq\.isAuthenticated\(")
_WORK = re.compile(r"\b(await|save|create|update|delete|destroy|remove|insert|find\w*|query|exec|write\w*|send\w*|json|"
                   r"render)\b|req\.(body|files?)\b")


def _only_redirects(js: JsFile, node: Node) -> bool:
    fn = js.functions.get(js.doc.node_text(node), node) if node.type == "identifier" else node
    body = fn.child_by_field_name("body") if fn.type in FUNCTION_TYPES else None
    text = code_text(js.doc, body) if body is not None else ""
    return "redirect" in text.lower() and not _WORK.search(text)


def _weigh(js: JsFile, routes: list[Route], groups: list[tuple[str, int]], finals: list[Node],
           mounted_open: set[int]) -> None:
    """An unguarded route is reported at medium or high confidence only on evidence: it changes state or
    names something sensitive, and either most of its siblings (same router, same registering function)
    are guarded, or its handler is in this file and does the work itself, or it is a privileged
    (admin) path of a router mounted in plain sight without the guards the project uses elsewhere.
    Otherwise its guard may be where the analyzer cannot see (a mount, a gateway, the controller): low.
    So is a route of a web installer module that starts its own app (there only until the site is set up)."""
    ex = js.model.fw("express")
    privileged = {w.lower() for w in ex.value("privileged-words") or ()}
    setup_only = bool(re.search(ex.value("installer-files") or "$^", "/" + js.doc.path.replace("\\", "/"))) and bool(
        re.search(r"=\s*express\(\s*\)", js.doc.text))
    signin = bool(re.search(ex.value("signin-files") or "$^", "/" + js.doc.path.replace("\\", "/")))
    members: dict[tuple[str, int], list[Route]] = {}
    for r, g in zip(routes, groups, strict=True):
        if not r.public:
            members.setdefault(g, []).append(r)
    model = js.model
    for r, g, final in zip(routes, groups, finals, strict=True):
        if not r.unprotected:
            continue
        if _only_redirects(js, final) and all(m in ("GET", "HEAD") for m in r.methods):
            r.public, r.reason = True, "its handler only redirects"
            continue
        others = [o for o in members.get(g, []) if o is not r]
        guarded = sum(1 for o in others if o.protected)
        consistent = guarded >= 1 and guarded * 2 >= len(others)
        sensitive = model.changes_state(r) or model.is_sensitive(r)
        words = {w.lower() for w in re.split(r"[^A-Za-z0-9]+", r.path) if w}
        admin_open = id(r) in mounted_open and bool(words & privileged)
        way_in = signin and not words & privileged and not _MEMBER_USE.search(code_text(js.doc, final))
        r.low_confidence = setup_only or way_in or not (
            sensitive and (consistent or admin_open or _handler_visible(js, final)))


def _use_is_handler(js: JsFile, node: Node) -> bool:
    """`app.use('/ftp', serveIndex('ftp'))`, `app.use('/hook', (req, res) => ...)`: the last argument
    answers requests itself (not a router, not a middleware that calls next)."""
    doc = js.doc
    name = dotted(doc, node.child_by_field_name("function")) if node.type == "call_expression" else dotted(doc, node)
    if _mounted_module(js, node) or name in js.routers or js.auth_middleware(node):
        return False
    if node.type == "call_expression" and factory_scope(js, node):
        return False  # a router factory of this project: its routes are found where it builds them
    if name and (js.model.not_auth.search(name) or re.search(r"(?i)router|routes|app\b|proxy|middleware|next", name)):
        return False
    if node.type in FUNCTION_TYPES:
        params = node.child_by_field_name("parameters")
        text = doc.node_text(node)
        if params is not None and len(params.named_children) >= 3 and re.search(r"\bnext\s*\(", text):
            return False
        return bool(re.search(r"\bres\.(send|json|end|render|sendFile|download|redirect|status|write)\b", text))
    return node.type == "call_expression"


def _is_route_chain(doc: Document, node: Node) -> bool:
    while node is not None and node.type == "call_expression":
        fn = node.child_by_field_name("function")
        if fn is None or fn.type != "member_expression":
            return False
        if doc.node_text(fn.child_by_field_name("property")) == "route":
            return True
        node = fn.child_by_field_name("object")
    return False


def _handler_name(doc: Document, node: Node) -> str:
    if node.type in ("identifier", "member_expression"):
        return dotted(doc, node)
    if node.type == "call_expression":
        return dotted(doc, node.child_by_field_name("function"))
    return ""


def _mounted_module(js: JsFile, node: Node) -> str:
    """The module key of a router mounted with `use`: require('./x'), an imported name, x.router."""
    doc = js.doc
    if node.type == "call_expression":
        spec = js._require_spec(node)
        return resolve_module(doc.path, spec) if spec else ""
    if node.type in ("identifier", "member_expression"):
        head = dotted(doc, node).split(".")[0]
        mod = js.imports.get(head, "")
        return "" if mod.startswith("pkg:") else mod
    return ""


def _default_export_is_auth(js: JsFile) -> bool:
    ex = js.model.fw("express")
    root = js.doc.tree.root_node
    for node in walk(root, {"assignment_expression", "export_statement"}, doc=js.doc):
        value = None
        if node.type == "assignment_expression" and js.doc.node_text(node.child_by_field_name("left")) == "module.exports":
            value = node.child_by_field_name("right")
        elif node.type == "export_statement" and "default" in [c.type for c in node.children]:
            value = node.child_by_field_name("value") or node.child_by_field_name("declaration")
        if value is None:
            continue
        if value.type == "identifier":
            name = js.doc.node_text(value)
            if name in js.local_auth_functions():
                return True
            continue
        if value.type in FUNCTION_TYPES:
            text = js.doc.node_text(value)
            if ex.has_check(text) and "next" in text:
                return True
    return False


def _decide(js: JsFile, route: Route, call: Node, receiver: str, path: str, handlers: list[Node], opts: str,
            router_guard: dict[str, str], global_guard: dict[str, list[tuple[int, str]]],
            prefix_guard: dict[str, list[tuple[int, str, str]]], module_guarded: bool) -> None:
    middleware = handlers[:-1]
    for mw in middleware:
        if js.is_public_middleware(mw):
            route.public, route.reason = True, "a public marker"
            return
    for mw in middleware:
        name = js.auth_middleware(mw)
        if name:
            route.protected, route.reason = True, f"the middleware {name}"
            route.admin_only = _admin(name) or _admin(js.doc.node_text(mw))
            return
    if opts and re.search(r"(preHandler|onRequest|preValidation)\s*:[^}]*\b(auth|authenticate|verify|jwt)", opts, re.I):
        route.protected, route.reason = True, "an auth hook in the route options"
        return
    for b, what in global_guard.get(receiver, []):
        if b < call.start_byte:
            route.protected, route.reason = True, f"{receiver}.use({what}) before the route"
            return
    for b, prefix, what in prefix_guard.get(receiver, []):
        if b < call.start_byte and _covers(prefix, path):
            route.protected, route.reason = True, f"{receiver}.use('{prefix}', {what})"
            return
    if receiver in router_guard:
        route.protected, route.reason = True, f"{router_guard[receiver]} where {receiver} is mounted"
        return
    if module_guarded:
        route.protected, route.reason = True, "auth middleware where this router is mounted"
        return
    check = js.handler_check(handlers[-1])
    if check:
        route.protected, route.reason = True, check
        return
    reason = js.model.public_reason(route) or _public_by_design(js, route)
    if reason:
        route.public, route.reason = True, reason
        return
    route.needs_project = not js.facts.project


_NEVER_PUBLIC = frozenset({"admin", "internal", "debug", "metrics", "info", "config", "configuration", "manage",
                           "management", "users", "system", "export", "exports", "backup", "backups", "dump", "logs"})


def _public_by_design(js: JsFile, route: Route) -> str:
    """Paths public by design in web applications (frameworks.yaml express `public-by-design`): sign-in
    and its second factor, magic links, password resets, invitations; feeds, sitemaps and manifests for
    reads. Admin, metrics and info endpoints are never among them."""
    data = js.model.fw("express").value("public-by-design") or {}
    path = normalize_path(re.sub(r"\?$", "", route.path)).lower()
    reads = all(m in ("GET", "HEAD", "OPTIONS") for m in route.methods)
    if {seg for seg in path.split("/") if seg} & _NEVER_PUBLIC:
        return ""
    for entry in data.get("any") or ():
        if path == entry or path.endswith(entry):
            return "an authentication flow (public by design)"
    if reads:
        for entry in data.get("read") or ():
            if path == entry or path.endswith(entry):
                return "a public document of the site (feed, sitemap, manifest)"
        ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
        if ext and ext in (data.get("read-extensions") or ()):
            return f"a public .{ext} document of the site"
    return ""


def _admin(name: str) -> bool:
    low = name.lower()
    return any(w in low for w in ("admin", "role", "permission", "restrictto", "superuser", "staff"))
