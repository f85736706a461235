"""Django views and Django REST framework views, and what protects them.

Django: `login_required`/`permission_required`/`user_passes_test` (and project
decorators that check the user) on function views; `LoginRequiredMixin`,
`PermissionRequiredMixin`, `UserPassesTestMixin` (and project mixins built on
them) or `method_decorator(login_required, ...)` on class-based views; views
wrapped in an auth decorator in the URLconf; `LoginRequiredMiddleware`; checks
of `request.user` inside the view.

DRF: `permission_classes` on the view (inherited from project base classes),
`get_permissions()`, `@permission_classes([...])` on `@api_view` functions, and
`DEFAULT_PERMISSION_CLASSES` in the REST_FRAMEWORK settings. `AllowAny` makes
a view explicitly public.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from railguard.engine.access import django_urls
from railguard.engine.access.model import Route
from railguard.engine.access.pyauth import auth_decorator, body_check, public_decorator
from railguard.engine.access.python import module_matches
from railguard.engine.access.tree import (
    call_args,
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

VIEW_DECORATORS = {"api_view", "require_http_methods", "require_POST", "require_GET", "require_safe", "csrf_exempt",
                   "csrf_protect", "never_cache", "cache_page", "vary_on_headers", "xframe_options_exempt",
                   "ensure_csrf_cookie", "transaction.atomic", "atomic", "sensitive_post_parameters"}
_RESPONSE = re.compile(r"\b(render|render_to_response|redirect|HttpResponse\w*|JsonResponse|TemplateResponse|"
                       r"FileResponse|StreamingHttpResponse|Response|get_object_or_404|reverse)\(")
DRF_HANDLERS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
                "list": "GET", "retrieve": "GET", "create": "POST", "update": "PUT", "partial_update": "PATCH",
                "destroy": "DELETE"}
DRF_BASE_METHODS = {
    "ModelViewSet": ("GET", "POST", "PUT", "PATCH", "DELETE"), "ReadOnlyModelViewSet": ("GET",),
    "ListAPIView": ("GET",), "RetrieveAPIView": ("GET",), "CreateAPIView": ("POST",), "UpdateAPIView": ("PUT", "PATCH"),
    "DestroyAPIView": ("DELETE",), "ListCreateAPIView": ("GET", "POST"), "RetrieveUpdateAPIView": ("GET", "PUT", "PATCH"),
    "RetrieveDestroyAPIView": ("GET", "DELETE"), "RetrieveUpdateDestroyAPIView": ("GET", "PUT", "PATCH", "DELETE"),
    "CreateModelMixin": ("POST",), "UpdateModelMixin": ("PUT", "PATCH"), "DestroyModelMixin": ("DELETE",),
    "ListModelMixin": ("GET",), "RetrieveModelMixin": ("GET",),
}
DJANGO_BASE_METHODS = {"CreateView": ("GET", "POST"), "UpdateView": ("GET", "POST"), "DeleteView": ("GET", "POST"),
                       "FormView": ("GET", "POST")}


def is_django_file(pf: PyFile) -> bool:
    t = pf.doc.text
    return "django" in t or "rest_framework" in t or "urlpatterns" in t


# ------------------------------------------------------------------ facts


def collect(pf: PyFile, raw: dict[str, Any], model: AccessModel, facts: Facts) -> None:
    dj: dict[str, Any] = raw["django"]
    text = pf.doc.text
    if "INSTALLED_APPS" in text or "MIDDLEWARE" in text or "REST_FRAMEWORK" in text:
        _settings(pf, dj, model)
    if "urlpatterns" in text or ".register(" in text:
        _urls(pf, dj, model, facts)
    if "urlpatterns" in text or "register(" in text:
        django_urls.collect(pf, dj, model, facts)
    for d in pf.classes():
        name = pf.text(d.name_node)
        raw["classes"][name] = _class_facts(pf, d, model, facts)
        if raw["classes"][name].get("protected"):
            raw["uses_auth"] = True
        mw = _auth_middleware(pf, d)
        if mw is not None:
            dj.setdefault("auth_middleware", []).append(mw)


def _settings(pf: PyFile, dj: dict[str, Any], model: AccessModel) -> None:
    dj["settings_seen"] = True
    drf = model.fw("drf")
    public = drf.names("public-permissions")
    for name, value in pf.assigned.items():
        if name == "REST_FRAMEWORK" and value.type == "dictionary":
            dj.setdefault("drf_default", None)
            for pair in value.named_children:
                if pair.type != "pair":
                    continue
                if string_value(pf.doc, pair.child_by_field_name("key")) == drf.value("default-permission-key"):
                    items = [string_value(pf.doc, i) or pf.dotted(i) for i in list_items(pair.child_by_field_name("value"))]
                    names = {last_name(i) for i in items if i}
                    dj["drf_default"] = "public" if not names or names <= public else "protected"
                    # a default permission class with object-level checks (DjangoObjectPermissions,
                    # a project's HasObjectPermission / IsOwner): every view inherits them
                    dj["drf_object_default"] = any(re.search(r"Object|Owner", n) for n in names)
        if name == "MIDDLEWARE":
            entries = {string_value(pf.doc, i) or "" for i in list_items(value)}
            dj["middleware"] = sorted(e for e in entries if e)
            login_mw = model.fw("django").names("login-middleware")
            if any(e in login_mw or last_name(e) in login_mw for e in entries):
                dj["login_middleware"] = True


def _unwrap_view(pf: PyFile, node: Node, model: AccessModel, facts: Facts) -> tuple[str, str, bool]:
    """(view name, auth wrapper, csrf_exempt) of a URLconf view expression."""
    wrapper = ""
    csrf = False
    while node is not None and node.type == "call":
        fn = node.child_by_field_name("function")
        callee = pf.dotted(fn)
        if last_name(callee) == "as_view":
            return last_name(callee.rsplit(".", 1)[0]), wrapper, csrf
        if last_name(callee) == "csrf_exempt":
            csrf = True
        elif fn is not None and fn.type == "call":  # permission_required("x")(views.y)
            marker = auth_decorator(pf, fn, "django", model, facts)
            if marker:
                wrapper = marker
        else:
            marker = auth_decorator(pf, node, "django", model, facts)
            if marker:
                wrapper = marker
        inner = positional(call_args(node))
        node = inner[0] if inner else None
    return (last_name(pf.dotted(node)) if node is not None else ""), wrapper, csrf


def _urls(pf: PyFile, dj: dict[str, Any], model: AccessModel, facts: Facts) -> None:
    route_fns = model.fw("django").names("route-functions")
    for call in walk(pf.root, {"call"}, doc=pf.doc):
        callee = pf.dotted(call.child_by_field_name("function"))
        pos = positional(call_args(call))
        if last_name(callee) in route_fns and len(pos) >= 2:
            route = string_value(pf.doc, pos[0])
            target = pos[1]
            if route is None:
                # a path held in a variable (`path(URL_PATH, views.index)`): the view is routed, at an
                # unknown path (not at the path of another module's view of the same name)
                key = django_urls.view_key(pf, target)
                if key:
                    dj.setdefault("view_modules", {})[key] = ""
                continue
            if target.type == "call" and last_name(pf.dotted(target.child_by_field_name("function"))) == "decorator_include":
                inner = positional(call_args(target))
                if len(inner) >= 2 and any(auth_decorator(pf, x, "django", model, facts) for x in list_items(inner[0])):
                    dj.setdefault("protected_modules", []).append(string_value(pf.doc, inner[1]) or "")
                continue
            if target.type == "call" and last_name(pf.dotted(target.child_by_field_name("function"))) == "include":
                _include(pf, dj, route, target)
                continue
            name, wrapper, csrf = _unwrap_view(pf, target, model, facts)
            if not name or name in ("include", "urls"):
                continue
            dj.setdefault("view_paths", {})[name] = "/" + route.lstrip("^/").rstrip("$")
            key = django_urls.view_key(pf, target)
            if key:
                dj.setdefault("view_modules", {})[key] = dj["view_paths"][name]
            if wrapper:
                dj.setdefault("wrapped_views", []).append(name)
            if csrf:
                dj.setdefault("csrf_exempt_views", []).append(name)
        elif callee.endswith(".register") and len(pos) >= 2 and _router(pf, callee.rsplit(".", 1)[0]):
            route = string_value(pf.doc, pos[0])
            name = last_name(pf.dotted(pos[1]))
            if route is not None and name:
                dj.setdefault("view_paths", {})[name] = "/" + route.lstrip("^/").rstrip("$")


def _router(pf: PyFile, receiver: str) -> bool:
    """A DRF router (`router.register("users", UserViewSet)`), not a registry of hooks or admin
    models (`hooks.register("register_bulk_action", DeleteBulkAction)`, `admin.site.register`)."""
    call = pf.assigned.get(receiver)
    if call is not None and call.type == "call":
        return "Router" in last_name(pf.dotted(call.child_by_field_name("function")))
    return not re.search(r"(?i)(hooks?|site|registry|library|signals?)$|^register$", last_name(receiver))


def _include(pf: PyFile, dj: dict[str, Any], route: str, call: Node) -> None:
    """`path("control/", include("app.control.urls"))` or `include((app.control.urls, "control"))`."""
    pos = positional(call_args(call))
    if not pos:
        return
    target = pos[0]
    if target.type == "tuple" and target.named_children:
        target = target.named_children[0]
    module = string_value(pf.doc, target) or pf.dotted(target)
    prefix = route.strip("^$/").split("/")[0]
    if module and prefix:
        dj.setdefault("includes", []).append({"prefix": prefix, "module": module})


_MIDDLEWARE_METHODS = ("__call__", "process_view", "process_request")
# `if not request.path.startswith("/control"): return self.get_response(request)`: the hook passes
# every other URL through (a scope); without `not`, it passes this prefix through (an exemption)
_PATH_SCOPE = re.compile(r"\bif\s+(not\s+)?\(?request\.(path|path_info)\.startswith\(([^\n]*):\s*\n"
                         r"(\s*#[^\n]*\n)*\s*return\s+self\.get_response\(")
# the hook stops a request of an anonymous user (or one without the permission)
# (the condition may span lines in parentheses: `if (\n request.user.is_anonymous\n and ...\n):`)
_DENY_ANON = re.compile(r"\bif\s+\(?\s*(not\s+request\.user\.(is_authenticated|has_perms?\(|is_staff|is_superuser)|"
                        r"request\.user\.is_anonymous)(?:[^\n]*|[^:]{0,300}?\)):\s*\n(\s*#[^\n]*\n)*\s*(return|raise)\b")
_PERMISSIONS = re.compile(r"\bhas_\w*perm\w*\(|\bhas_perms?\(|permission")
# `if not is_admin_authorized(request): ... return redirect(...)`: a check of the request's user by a helper
_DENY_UNAUTHORIZED = re.compile(
    r"\bif\s+not\s+(self\.)?\w*(is_\w*(authori[sz]ed|authenticated|admin|staff|logged_in)|has_\w*(access|perm\w*)|"
    r"user_is_\w+)\(\s*(self\.)?request\b[^\n]*:\s*\n(\s*[^\n]*\n){0,4}?\s*(return|raise)\b")
_NAMESPACE_LITERAL = re.compile(r"namespaces?\b\s*(==|\bin\b|\.startswith\()\s*[(\[]?\s*[\"'](\w+)|"
                                r"[\"'](\w+)[\"']\s+in\s+[\w.]*\bnamespaces\b")


def _namespace_scope(text: str) -> str:
    """The URL namespace a middleware protects: a literal it compares the resolved namespace with, or
    the admin namespace when it speaks of admin namespaces (`get_protected_namespace`, `ADMIN_NAMESPACES`)."""
    m = _NAMESPACE_LITERAL.search(text)
    if m:
        return m.group(2) or m.group(3)
    return "admin" if re.search(r"(?i)admin_?namespace|namespace\w*[^\n]*admin", text) else ""


def _called_for_namespace(pf: PyFile, d: Definition, hooks_text: str) -> str:
    """The namespace of the `if` under which the hook calls the class's own method that refuses an
    anonymous user (`if "orga" in url.namespaces: response = self._handle_orga_url(request, url)`)."""
    for m in pf.methods(d.node):
        name = pf.text(m.name_node)
        if name in _MIDDLEWARE_METHODS or not _DENY_ANON.search(pf.text(m.node)):
            continue
        call = re.search(r"\bif\s+((?:(?!\bif\b)[^:]){0,400}?):\s*\n\s*(?:\w+\s*=\s*)?(?:return\s+)?self\." + re.escape(name) + r"\(",
                         hooks_text)
        if call:
            literal = _NAMESPACE_LITERAL.search(call.group(1))
            if literal:
                return literal.group(2) or literal.group(3)
    return ""


def _auth_middleware(pf: PyFile, d: Definition) -> dict[str, Any] | None:
    """A middleware class whose request hook checks the signed-in user and stops the request
    otherwise: {"cls", "scope" (URL prefix it limits itself to, or ""), "exempt", "perms"}."""
    methods = [m for m in pf.methods(d.node) if pf.text(m.name_node) in _MIDDLEWARE_METHODS]
    if not methods:
        return None
    text = "\n".join(pf.text(m.node) for m in methods)
    scope, exempt = "", []
    if not _DENY_ANON.search(text):
        # the hook hands the request to a method of its own that refuses an unauthorized caller, for the
        # URL namespace it protects (misago's AdminAuthMiddleware: the admin namespaces)
        hooks_text = text
        text = "\n".join(pf.text(m.node) for m in pf.methods(d.node))
        if not (_DENY_UNAUTHORIZED.search(text) or _DENY_ANON.search(text)):
            return None
        scope = _called_for_namespace(pf, d, hooks_text) or _namespace_scope(text)
        if not scope:
            return None
    for m in _PATH_SCOPE.finditer(text):
        literal = re.search(r"[\"']/?([\w-]+)", m.group(3))
        if literal is None:
            continue
        if m.group(1):
            scope = scope or literal.group(1)
        else:
            exempt.append(literal.group(1))
    return {"cls": f"{pf.module}.{pf.text(d.name_node)}", "scope": scope, "exempt": exempt,
            "perms": bool(_PERMISSIONS.search(text))}


def _permission_decision(pf: PyFile, node: Node | None, model: AccessModel, facts: Facts) -> str:
    """'protected', 'public' or 'none' for a permission_classes value; '' when absent."""
    if node is None:
        return ""
    items = list_items(node)
    if not items:
        return "none"
    public = model.fw("drf").names("public-permissions") | model.extra_public
    names = [last_name(pf.dotted(i) or pf.text(i)) for i in items]
    if all(n in public for n in names):
        return "public"
    return "protected"


def _class_facts(pf: PyFile, d: Definition, model: AccessModel, facts: Facts) -> dict[str, Any]:
    bases = pf.class_bases(d.node)
    out: dict[str, Any] = {"bases": [last_name(b) for b in bases]}
    foreign = _foreign_bases(pf, d, model)
    if foreign:
        out["foreign"] = foreign
    guard = _class_guard(pf, d, model, facts, inherited=False) or _handler_check(pf, d, model, facts)
    if guard:
        out["protected"] = True
        out["guard"] = guard
    drf = _permission_decision(pf, pf.class_attr(d.node, "permission_classes"), model, facts)
    if not drf and any(pf.text(m.name_node) == "get_permissions" for m in pf.methods(d.node)):
        drf = "protected"
    if drf:
        out["drf"] = drf
    if any(last_name(b) in ("BasePermission", "DjangoModelPermissions", "IsAuthenticated", "DjangoObjectPermissions")
           for b in bases):
        out["perm"] = True
    # a DRF permission class that judges each object (`has_object_permission`): views using it check
    # every record they retrieve
    if any(pf.text(m.name_node) == "has_object_permission" for m in pf.methods(d.node)):
        out["object_perm"] = True
    # records reached through get_queryset/get_object scoped to the caller (their user, organization,
    # team or project): every view built on the class looks objects up within that scope
    if any(pf.text(m.name_node) in ("get_queryset", "get_object", "filter_queryset") and _SCOPED.search(pf.text(m.node))
           for m in pf.methods(d.node)):
        out["scoped"] = True
    # a dispatch() that compares the record's owner with the caller before any handler runs
    # (`if self.get_object().user != request.user: return HttpResponseForbidden()`): every view
    # built on the class has its object checked
    if any(pf.text(m.name_node) in ("dispatch", "setup") and _OWNER_COMPARED.search(pf.text(m.node))
           for m in pf.methods(d.node)):
        out["scoped"] = True
    return out


def _handler_check(pf: PyFile, d: Definition, model: AccessModel, facts: Facts) -> str:
    """A check inside a handler method of the class, or in the `get_object()` every handler loads
    its record through (raising PermissionDenied): subclasses that keep the method inherit it."""
    for m in pf.methods(d.node):
        name = pf.text(m.name_node)
        if name in ("get", "post", "put", "patch", "delete", "get_object") \
                and body_check(pf, m.node, ("django",), model, facts):
            return f"a check in {pf.text(d.name_node)}.{name}()"
    return ""


_CALLER = r"(?:self\.)?request\.user(?:\.(?:id|pk))?"
_OWNER_COMPARED = re.compile(rf"\b\w+(?:\.\w+)*\.\w+\s*(?:!=|==|is\s+not|is)\s*{_CALLER}\b(?!\.)"
                             rf"|\b{_CALLER}\s*(?:!=|==|is\s+not|is)\s*\w+(?:\.\w+)*\.\w+")
_SCOPED = re.compile(r"\b(request\.user|self\.request\.user|organization|tenant|team|workspace|owner|created_by)\b")


def _class_guard(pf: PyFile, d: Definition, model: AccessModel, facts: Facts, inherited: bool = True) -> str:
    dj = model.fw("django")
    for base in pf.class_bases(d.node):
        name = last_name(base)
        if name in dj.names("auth-mixins") or model.is_auth_name(name, "django", facts.names("auth_functions")):
            return name
        if inherited and name in facts.names("protected_classes"):
            marker = (facts.data.get("class_guards") or {}).get(name, "")
            return f"the base class {name}" + (f" ({marker})" if marker and not marker.startswith("the base") else "")
        # a base class of this file (the project index keys classes by name: another ListView may win there)
        local = next((c for c in pf.classes() if c.node is not d.node and "." not in base
                      and pf.text(c.name_node) == name and c.node.start_byte < d.node.start_byte), None)
        if inherited and local is not None:
            marker = _class_guard(pf, local, model, facts) or _handler_check(pf, local, model, facts)
            if marker:
                return f"the base class {name} ({marker})"
    for e in d.decorators:
        marker = auth_decorator(pf, e, "django", model, facts)
        if marker:
            return f"@method_decorator({marker})" if "method_decorator" in pf.text(e) else f"@{marker}"
    for m in pf.methods(d.node):
        if pf.text(m.name_node) in ("dispatch", "setup"):
            for e in m.decorators:
                marker = auth_decorator(pf, e, "django", model, facts)
                if marker:
                    return f"@method_decorator({marker}) on dispatch"
            if body_check(pf, m.node, ("django",), model, facts):
                return f"a check in {pf.text(m.name_node)}()"
        if pf.text(m.name_node) in ("test_func", "has_permission") and "request.user" in pf.text(m.node):
            return f"{pf.text(m.name_node)}()"
    return ""


# ------------------------------------------------------------------ routes


def _chain(name: str, facts: Facts, local: dict[str, list[str]], depth: int = 0,
           foreign: dict[str, list[str]] | None = None) -> list[str]:
    """The class's bases, transitively (project classes resolved by name). A base named like a
    DRF view but imported from another package (Wagtail's ModelViewSet) is not DRF's: its name is
    left out, its own bases (when the project defines it) are followed."""
    if depth > 8:
        return []
    bases = local.get(name) or (facts.data.get("class_bases") or {}).get(name) or []
    skip = set((foreign or {}).get(name) or (facts.data.get("foreign_bases") or {}).get(name) or ())
    out = [b for b in bases if b not in skip]
    for b in bases:
        out += _chain(b, facts, local, depth + 1, foreign)
    return out


_DRF_PACKAGES = re.compile(r"^(rest_framework|drf|djangorestframework)")


def _foreign_bases(pf: PyFile, d: Definition, model: AccessModel) -> list[str]:
    """Bases named like DRF views that the file imports from a package other than DRF."""
    out = []
    names = model.fw("drf").names("view-bases")
    for base in pf.class_bases(d.node):
        if last_name(base) not in names:
            continue
        module = pf.imports.get(base.split(".")[0], ("", ""))[0]
        if module and not _DRF_PACKAGES.match(module):
            out.append(last_name(base))
    return out


def routes(pf: PyFile, model: AccessModel, facts: Facts) -> list[Route]:
    out: list[Route] = []
    dj = model.fw("django")
    drf = model.fw("drf")
    dj_facts = facts.section("django")
    local_bases = {pf.text(c.name_node): [last_name(b) for b in pf.class_bases(c.node)] for c in pf.classes()}
    local_foreign = {pf.text(c.name_node): _foreign_bases(pf, c, model) for c in pf.classes()}
    routed_any = bool(dj_facts.get("view_paths"))  # the project's URLconfs route views by name
    view_paths = _own_paths(pf, dict(dj_facts.get("view_paths") or {}), dj_facts.get("view_modules") or {})
    all_bases = dict(facts.data.get("class_bases") or {}) | local_bases
    used_as_base = {b for bases in all_bases.values() for b in bases}
    for c in pf.classes():
        name = pf.text(c.name_node)
        chain = _chain(name, facts, local_bases, foreign=local_foreign)
        is_drf = any(b in drf.names("view-bases") for b in chain)
        is_django = any(b in dj.names("view-bases") for b in chain)
        if not (is_drf or is_django) or name.startswith("Base") or _abstract(pf, c):
            continue
        if name in used_as_base and name not in view_paths:
            continue  # a base class of other views, not routed itself
        methods = _class_methods(pf, c, chain, is_drf)
        route = Route("drf" if is_drf else "django", methods, view_paths.get(name, ""), name,
                      c.name_node.start_byte, c.name_node.end_byte, c.outer.start_point[0],
                      app_level=view_paths.get(name) == "/")
        if is_drf:
            _decide_drf_class(pf, c, route, chain, model, facts)
        else:
            _decide_django(pf, c, route, model, facts, cbv=True)
        route.unrouted = bool(facts.project and routed_any and name not in view_paths)
        out.append(route)
    for d in pf.functions():
        if not pf.is_top_level(d) or d.name_node is None:
            continue
        params = pf.param_names(d.node)
        name = pf.text(d.name_node)
        if not params or params[0] != "request" or name.startswith("_"):
            continue
        decos = {last_name(n) for n in pf.decorator_names(d)}
        body = d.node.child_by_field_name("body")
        looks_like_view = (name in view_paths or decos & VIEW_DECORATORS
                           or any(auth_decorator(pf, e, "django", model, facts) for e in d.decorators)
                           or (body is not None and _RESPONSE.search(pf.text(body)) and "return" in pf.text(body)))
        if not looks_like_view:
            continue
        if routed_any and facts.project and name not in view_paths and not decos & VIEW_DECORATORS \
                and not any(auth_decorator(pf, e, "django", model, facts) for e in d.decorators):
            continue  # the project's URLconf is known and does not route it: a helper the views call
        is_drf = "api_view" in decos
        methods = _function_methods(pf, d)
        route = Route("drf" if is_drf else "django", methods, view_paths.get(name, ""), name,
                      d.name_node.start_byte, d.name_node.end_byte, d.outer.start_point[0],
                      app_level=view_paths.get(name) == "/")
        if is_drf:
            _decide_drf_function(pf, d, route, model, facts)
        else:
            _decide_django(pf, d, route, model, facts, cbv=False)
        out.append(route)
    # a middleware that checks the user's permissions for every view under its prefix: whatever else
    # protects these views, the role (and object) checks happen there
    perms = [mw for mw in dj_facts.get("active_auth_middleware") or [] if mw.get("perms")]
    covering = next((mw for mw in perms if _middleware_covers(pf.module, mw, dj_facts.get("includes") or [])), None)
    if covering is not None:
        for r in out:
            r.admin_only = r.admin_only or r.protected
            r.permission_guard = covering["cls"].rsplit(".", 1)[-1] if r.protected else ""
    return out


def _own_paths(pf: PyFile, paths: dict[str, str], modules: dict[str, str]) -> dict[str, str]:
    """The paths of this module's views. Paths are kept by the view's bare name, and two modules may
    route views of one name (`options.index` at /options/delete-account/, `views.index` at a path held
    in a variable): where the URLconf names this module's view (`module:name`), its own path wins,
    "" when it is not a literal; where it names only another module's view of that name (the shop's
    `GDPRDownloadDataView`, not the admin's), this module's view is not routed by it."""
    out = dict(paths)
    elsewhere: set[str] = set()
    own: set[str] = set()
    for key, path in modules.items():
        module, _, name = key.rpartition(":")
        if module and module == pf.module:
            out[name] = path
        if module and module_matches(pf.module, module):
            own.add(name)  # this module's view (its key may carry the folder the scan started in)
        elif module:
            elsewhere.add(name)
    for name in elsewhere - own:
        out.pop(name, None)  # the URLconf routes another module's view of this name, not this one
    return out


def _abstract(pf: PyFile, c: Definition) -> bool:
    body = c.node.child_by_field_name("body")
    if body is None:
        return False
    for stmt in body.named_children:
        if stmt.type == "class_definition" and pf.text(stmt.child_by_field_name("name")) == "Meta":
            return "abstract = True" in pf.text(stmt)
    return False


def _class_methods(pf: PyFile, c: Definition, chain: list[str], is_drf: bool) -> tuple[str, ...]:
    found: set[str] = set()
    for m in pf.methods(c.node):
        verb = DRF_HANDLERS.get(pf.text(m.name_node))
        if verb and (is_drf or pf.text(m.name_node) in ("get", "post", "put", "patch", "delete")):
            found.add(verb)
        if pf.text(m.name_node) in ("form_valid", "perform_create", "perform_update", "perform_destroy"):
            found.add("POST")
    table = DRF_BASE_METHODS if is_drf else DJANGO_BASE_METHODS
    for b in chain:
        found.update(table.get(b, ()))
    order = ("GET", "POST", "PUT", "PATCH", "DELETE")
    return tuple(m for m in order if m in found) or ("GET",)


def _function_methods(pf: PyFile, d: Definition) -> tuple[str, ...]:
    found: set[str] = set()
    for e in d.decorators:
        name = last_name(pf.dotted(e.child_by_field_name("function")) if e.type == "call" else pf.dotted(e))
        if name == "require_POST":
            found.add("POST")
        elif name in ("require_GET", "require_safe"):
            found.add("GET")
        elif name in ("require_http_methods", "api_view") and e.type == "call":
            pos = positional(call_args(e))
            for item in list_items(pos[0]) if pos else []:
                v = (string_value(pf.doc, item) or "").upper()
                if v:
                    found.add(v)
    if not found:
        body = pf.text(d.node.child_by_field_name("body"))
        for verb in ("POST", "PUT", "PATCH", "DELETE"):
            if re.search(rf"method\s*==\s*[\"']{verb}[\"']", body):
                found.add(verb)
        found.add("GET")
    order = ("GET", "POST", "PUT", "PATCH", "DELETE")
    return tuple(m for m in order if m in found) or ("GET",)


def _common_guards(pf: PyFile, route: Route, model: AccessModel, facts: Facts) -> str:
    dj_facts = facts.section("django")
    if route.handler in (dj_facts.get("wrapped_views") or []):
        return "an auth wrapper in the URLconf"
    wrapped = django_urls.guarded(pf.module, route.handler, facts)
    if wrapped:
        return wrapped
    if dj_facts.get("login_middleware"):
        return "LoginRequiredMiddleware"
    for mw in dj_facts.get("active_auth_middleware") or []:
        if _middleware_covers(pf.module, mw, dj_facts.get("includes") or []):
            name = mw["cls"].rsplit(".", 1)[-1]
            if mw.get("perms"):
                route.admin_only = True
                return f"{name} in MIDDLEWARE (checks the user and their permissions)"
            return f"{name} in MIDDLEWARE"
    mod = pf.module
    for m in dj_facts.get("protected_modules") or []:
        prefix = m.rsplit(".", 1)[0]
        if prefix and (mod == prefix or mod.startswith(prefix + ".") or mod.endswith("." + prefix)
                       or ("." + prefix + ".") in ("." + mod + ".")):
            return "decorator_include() in the URLconf"
    return ""


def _middleware_covers(module: str, mw: dict[str, Any], includes: list[dict[str, str]]) -> bool:
    """Is a view of `module` behind this middleware? Its scope is a URL prefix; the views under a
    prefix are those of the URLconf included there (and of its package), or of a package so named."""
    parts = module.split(".")

    def under(prefix: str) -> bool:
        for inc in includes:
            if inc["prefix"] == prefix:
                package = inc["module"].rsplit(".", 1)[0] if inc["module"].endswith(".urls") else inc["module"]
                if ("." + module + ".").find("." + package + ".") >= 0 or module.startswith(package + "."):
                    return True
        return prefix in parts[:-1]

    if any(under(e) for e in mw.get("exempt") or []):
        return False
    return not mw.get("scope") or under(mw["scope"])


def _decide_django(pf: PyFile, d: Definition, route: Route, model: AccessModel, facts: Facts, cbv: bool) -> None:
    for e in d.decorators:
        if public_decorator(pf, e, "django", model):
            route.public, route.reason = True, f"@{pf.dotted(e)}"
            return
    if cbv:
        guard = _class_guard(pf, d, model, facts)
        if guard:
            route.protected, route.reason = True, guard
            route.admin_only = _admin(guard) or _admin(pf.text(pf.class_attr(d.node, "permission_required")))
            return
        for m in pf.methods(d.node):
            for e in m.decorators:
                marker = auth_decorator(pf, e, "django", model, facts)
                if marker:
                    route.protected, route.reason = True, f"@{marker} on {pf.text(m.name_node)}()"
                    return
            if pf.text(m.name_node) in ("get", "post", "put", "patch", "delete", "dispatch", "setup", "get_object",
                                        "get_queryset", "form_valid") and body_check(pf, m.node, ("django",), model, facts):
                route.protected, route.reason = True, f"a check in {pf.text(m.name_node)}()"
                return
    else:
        for e in d.decorators:
            marker = auth_decorator(pf, e, "django", model, facts)
            if marker:
                route.protected, route.reason = True, f"@{marker}"
                # any of the view's guards may be the role (`@login_required` then `@list_owner_required`)
                route.admin_only = any(_admin(pf.text(x)) for x in d.decorators
                                       if x is e or auth_decorator(pf, x, "django", model, facts))
                return
        check = body_check(pf, d.node, ("django",), model, facts)
        if check:
            route.protected, route.reason = True, check
            return
    guard = _common_guards(pf, route, model, facts)
    if guard:
        route.protected, route.reason = True, guard
        return
    model.settle_unguarded(route, bool(facts.project))


def _drf_default(route: Route, facts: Facts) -> bool:
    dj_facts = facts.section("django")
    default = dj_facts.get("drf_default")
    if default == "protected":
        route.protected, route.reason = True, "DEFAULT_PERMISSION_CLASSES in settings"
        return True
    if not dj_facts.get("settings_seen"):
        route.needs_project = True
    return False


def _decide_drf_class(pf: PyFile, c: Definition, route: Route, chain: list[str], model: AccessModel,
                      facts: Facts) -> None:
    decision = _permission_decision(pf, pf.class_attr(c.node, "permission_classes"), model, facts)
    if not decision and any(pf.text(m.name_node) == "get_permissions" for m in pf.methods(c.node)):
        decision = "protected"
    if not decision:
        drf_classes = facts.data.get("drf_classes") or {}
        for b in chain:
            if b in drf_classes:
                decision = drf_classes[b]
                break
    if decision == "public":
        route.public, route.reason = True, "permission_classes = [AllowAny]"
        return
    if decision == "protected":
        route.protected, route.reason = True, "permission_classes"
        perms = pf.text(pf.class_attr(c.node, "permission_classes"))
        route.admin_only = _admin(perms)
        return
    guard = _class_guard(pf, c, model, facts) or _common_guards(pf, route, model, facts)
    if guard:
        route.protected, route.reason = True, guard
        return
    for m in pf.methods(c.node):
        if pf.text(m.name_node) in DRF_HANDLERS or pf.text(m.name_node) in ("get_queryset", "get_object", "initial"):
            if body_check(pf, m.node, ("django",), model, facts):
                route.protected, route.reason = True, f"a check in {pf.text(m.name_node)}()"
                return
    if decision == "none":
        route.reason = "permission_classes = [] (no permission checks)"
        return
    if _drf_default(route, facts):
        return
    reason = model.public_reason(route)
    if reason:
        route.public, route.reason = True, reason


def _decide_drf_function(pf: PyFile, d: Definition, route: Route, model: AccessModel, facts: Facts) -> None:
    for e in d.decorators:
        if e.type == "call" and last_name(pf.dotted(e.child_by_field_name("function"))) == "permission_classes":
            pos = positional(call_args(e))
            decision = _permission_decision(pf, pos[0] if pos else None, model, facts)
            if decision == "public":
                route.public, route.reason = True, "@permission_classes([AllowAny])"
                return
            if decision == "protected":
                route.protected, route.reason = True, "@permission_classes"
                route.admin_only = _admin(pf.text(e))
                return
            route.reason = "@permission_classes([]) (no permission checks)"
            return
    for e in d.decorators:
        marker = auth_decorator(pf, e, "django", model, facts)
        if marker and last_name(marker) not in ("authentication_classes",):
            route.protected, route.reason = True, f"@{marker}"
            return
    check = body_check(pf, d.node, ("django",), model, facts)
    if check:
        route.protected, route.reason = True, check
        return
    guard = _common_guards(pf, route, model, facts)
    if guard:
        route.protected, route.reason = True, guard
        return
    if _drf_default(route, facts):
        return
    reason = model.public_reason(route)
    if reason:
        route.public, route.reason = True, reason


def _admin(marker: str) -> bool:
    low = marker.lower()
    # `@list_owner_required`, `@moderator_required`: the caller must hold a role on the record
    return any(w in low for w in ("admin", "staff", "superuser", "permission", "group", "owner", "moderator", "role"))


