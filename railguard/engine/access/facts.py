"""Project facts: what one file tells about others (a decorator that checks the user,
a blueprint guarded by a before_request hook, a router included with an auth
dependency, DRF defaults in settings, a Spring SecurityFilterChain, Express
routers mounted behind auth middleware).

Each framework module adds *raw* facts per file; `resolve` merges them into the
JSON-serialisable dict the analyzer receives as `context.project["access"]`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from railguard.engine.access import django_urls
from railguard.engine.access.express_index import resolve as _resolve_express
from railguard.engine.access.fastapi import MIDDLEWARE_AUTH, admin_dependency
from railguard.engine.access.python import module_matches
from railguard.engine.access.tenancy import resolve as _resolve_records


def new_raw(path: str) -> dict[str, Any]:
    return {
        "path": path,
        "auth_functions": [],  # Python functions/decorators whose body checks the caller
        "guard_helpers": [],  # Python helpers (not decorators) that check the caller and stop the request
        "request_tenants": [],  # request attributes a guard sets to the record it authorized (`request.mlist`)
        "uses_auth": False,
        "fastapi_deps": {},  # name -> {"auth": bool, "refs": [names]}
        "fastapi_objects": [],  # {"key": module:var, "deps": [names], "kind": app|router}
        "fastapi_includes": [],  # {"parent": key, "child": key, "deps": [names], "prefix": str}
        "flask_objects": [],  # {"key", "kind": app|blueprint, "prefix"}
        "flask_hooks": [],  # {"key", "app_wide": bool}
        "flask_registrations": [],  # {"child": key, "prefix"}
        "flask_parents": [],  # {"child": key, "parent": key}: a namespace of an Api, an Api made on an app
        "django": {},
        "classes": {},  # name -> {"bases": [...], "protected": bool, "drf": "protected"|"public"|"", "perm": bool}
        "express": {},
        "spring": {},
        "nest_global_guard": "",
        "models": {},  # ORM model class -> whether it references an owner (tenancy.py)
        "caller_scoped": False,  # the file narrows records to the caller (tenancy.py)
    }


@dataclass
class Facts:
    """Resolved project facts with lookups. `project` is False for a single-file fallback."""

    data: dict[str, Any] = field(default_factory=dict)
    project: bool = False

    def names(self, key: str) -> frozenset[str]:
        return frozenset(self.data.get(key) or ())

    def section(self, key: str) -> dict[str, Any]:
        return self.data.get(key) or {}

    def key_in(self, key: str, module: str, var: str) -> bool:
        for item in self.data.get(key) or ():
            m, _, v = item.rpartition(":")
            if v == var and module_matches(m, module):
                return True
        return False

    def prefix_of(self, key: str, module: str, var: str) -> str:
        for item, prefix in (self.data.get(key) or {}).items():
            m, _, v = item.rpartition(":")
            if v == var and module_matches(m, module):
                return prefix
        return ""


def _fixpoint_auth(deps: dict[str, dict[str, Any]], known: set[str]) -> set[str]:
    auth = set(known) | {n for n, d in deps.items() if d.get("auth")}
    changed = True
    while changed:
        changed = False
        for name, d in deps.items():
            if name not in auth and any(r in auth or r.rsplit(".", 1)[-1] in auth for r in d.get("refs", [])):
                auth.add(name)
                changed = True
    return auth


def _guarded_graph(objects: list[dict[str, Any]], edges: list[dict[str, Any]], is_auth) -> tuple[set[str], dict[str, str]]:
    """Keys guarded on their own or through the object that includes them; and full prefixes."""
    guarded = {o["key"] for o in objects if is_auth(o.get("deps", []))}
    prefix = {o["key"]: o.get("prefix", "") for o in objects}

    def same(a: str, b: str) -> bool:
        ma, _, va = a.rpartition(":")
        mb, _, vb = b.rpartition(":")
        return va == vb and module_matches(ma, mb)

    changed = True
    rounds = 0
    while changed and rounds < 20:
        changed = False
        rounds += 1
        for e in edges:
            parent_guarded = any(same(e["parent"], g) for g in guarded)
            if (parent_guarded or is_auth(e.get("deps", []))) and not any(same(e["child"], g) for g in guarded):
                guarded.add(e["child"])
                changed = True
    for e in edges:
        parent_prefix = next((p for k, p in prefix.items() if same(k, e["parent"])), "")
        child_key = next((k for k in prefix if same(k, e["child"])), e["child"])
        own = prefix.get(child_key, "")
        full = (parent_prefix.rstrip("/") + e.get("prefix", "")).rstrip("/") + own
        if full and full != own:
            prefix[child_key] = full
    return guarded, prefix


def _active_middleware(django: dict[str, Any]) -> list[dict[str, Any]]:
    """Auth middleware classes listed in the settings' MIDDLEWARE. A reusable app that ships no MIDDLEWARE
    setting (its host project lists it) counts its own middleware that guards a URL namespace or prefix."""
    entries = django.get("middleware") or []
    listed = {tuple(e.split(".")[-2:]) for e in entries}
    if not listed:
        return [mw for mw in django.get("auth_middleware") or [] if mw.get("scope")]

    def is_listed(cls: str) -> bool:
        if tuple(cls.split(".")[-2:]) in listed:
            return True
        # re-exported by its package: "pkg.middleware.AuthMiddleware" for pkg.middleware.auth.AuthMiddleware
        package, _, name = cls.rpartition(".")
        return any(e.rpartition(".")[2] == name and f".{e.rpartition('.')[0]}." in f".{package}." for e in entries)

    return [mw for mw in django.get("auth_middleware") or [] if is_listed(mw["cls"])]


def resolve(raws: Iterable[dict[str, Any]], project: bool = True) -> dict[str, Any]:
    raws = list(raws)
    auth_functions: set[str] = set()
    guard_helpers: set[str] = set()
    request_tenants: set[str] = set()
    object_deps: set[str] = set()
    deps: dict[str, dict[str, Any]] = {}
    fa_objects: list[dict[str, Any]] = []
    fa_edges: list[dict[str, Any]] = []
    fl_objects: list[dict[str, Any]] = []
    fl_hooks: list[dict[str, Any]] = []
    fl_regs: list[dict[str, Any]] = []
    fl_registered: list[str] = []
    fl_registered_paths: dict[str, str] = {}
    fl_parents: dict[str, list[str]] = {}
    classes: dict[str, dict[str, Any]] = {}
    django: dict[str, Any] = {"drf_default": None, "login_middleware": False, "wrapped_views": [],
                              "view_paths": {}, "csrf_exempt_views": [], "settings_seen": False,
                              "protected_modules": []}
    express_raw: list[dict[str, Any]] = []
    spring: dict[str, Any] = {"security_dependency": False, "chains": [], "ignoring": [], "method_security": False}
    uses_auth = False
    nest_guard = ""
    for raw in raws:
        nest_guard = nest_guard or raw.get("nest_global_guard", "")
        auth_functions.update(raw.get("auth_functions", []))
        guard_helpers.update(raw.get("guard_helpers", []))
        request_tenants.update(raw.get("request_tenants", []))
        object_deps.update(raw.get("fastapi_object_deps", []))
        uses_auth = uses_auth or bool(raw.get("uses_auth"))
        for name, d in (raw.get("fastapi_deps") or {}).items():
            cur = deps.setdefault(name, {"auth": False, "refs": []})
            cur["auth"] = cur["auth"] or d.get("auth", False)
            cur["refs"] = sorted(set(cur["refs"]) | set(d.get("refs", [])))
        fa_objects += raw.get("fastapi_objects", [])
        fa_edges += raw.get("fastapi_includes", [])
        fl_objects += raw.get("flask_objects", [])
        fl_hooks += raw.get("flask_hooks", [])
        fl_regs += raw.get("flask_registrations", [])
        fl_registered += raw.get("flask_registered_guarded", [])
        for key, path in (raw.get("flask_registered_paths") or {}).items():
            fl_registered_paths.setdefault(key, path)
        for e in raw.get("flask_parents", []):
            fl_parents.setdefault(e["child"], []).append(e["parent"])
        for name, c in (raw.get("classes") or {}).items():
            classes.setdefault(name, c)
        dj = raw.get("django") or {}
        if dj.get("settings_seen"):
            django["settings_seen"] = True
            if dj.get("drf_default") is not None:
                django["drf_default"] = dj["drf_default"]
                django["drf_object_default"] = bool(dj.get("drf_object_default"))
            django["login_middleware"] = django["login_middleware"] or dj.get("login_middleware", False)
        django["wrapped_views"] += dj.get("wrapped_views", [])
        django["csrf_exempt_views"] += dj.get("csrf_exempt_views", [])
        django["protected_modules"] += dj.get("protected_modules", [])
        django.setdefault("auth_middleware", []).extend(dj.get("auth_middleware", []))
        django.setdefault("middleware", []).extend(dj.get("middleware", []))
        django.setdefault("includes", []).extend(dj.get("includes", []))
        django["view_paths"].update(dj.get("view_paths", {}))
        django.setdefault("view_modules", {}).update(dj.get("view_modules", {}))
        if raw.get("express"):
            express_raw.append(raw["express"])
        sp = raw.get("spring") or {}
        spring["security_dependency"] = spring["security_dependency"] or sp.get("security_dependency", False)
        spring["method_security"] = spring["method_security"] or sp.get("method_security", False)
        spring["chains"] += sp.get("chains", [])
        spring["ignoring"] += sp.get("ignoring", [])

    django_urls.resolve(django, raws)
    auth_deps = _fixpoint_auth(deps, set())

    def deps_auth(names: list[str]) -> bool:
        return any(n in auth_deps or n.rsplit(".", 1)[-1] in auth_deps for n in names)

    if any(raw.get("fastapi_app_middleware") for raw in raws):
        # a project function installs an authenticating middleware on the app it is handed: every app
        fa_objects = [{**o, "deps": [*o.get("deps", []), MIDDLEWARE_AUTH]} if o.get("kind") == "app" else o
                      for o in fa_objects]
    fa_guarded, fa_prefix = _guarded_graph(fa_objects, fa_edges, deps_auth)
    # routers (and apps) that only callers with a role reach: an auth dependency named for the role
    fa_admin, _ = _guarded_graph(fa_objects, fa_edges,
                                 lambda names: any(deps_auth([n]) and admin_dependency(n) for n in names))

    # Flask: a blueprint is guarded by a before_request hook that checks the user
    fl_guarded = {h["key"] for h in fl_hooks if not h.get("app_wide")}
    fl_app_guard = any(h.get("app_wide") for h in fl_hooks)
    fl_edges = [{"parent": "", "child": r["child"], "prefix": r.get("prefix", ""), "deps": []} for r in fl_regs]
    _, fl_prefix = _guarded_graph(fl_objects, fl_edges, lambda _d: False)
    for r in fl_regs:
        if r.get("prefix"):
            fl_prefix[r["child"]] = r["prefix"]

    # classes: protected through a base class defined anywhere in the project
    def inherited(name: str, attr: str, seen: frozenset[str] = frozenset()) -> Any:
        c = classes.get(name)
        if c is None or name in seen:
            return None
        if c.get(attr):
            return c[attr]
        for b in c.get("bases", []):
            v = inherited(b.rsplit(".", 1)[-1], attr, seen | {name})
            if v:
                return v
        return None

    protected_classes = sorted(n for n in classes if inherited(n, "protected"))
    class_guards = {n: inherited(n, "guard") for n in protected_classes}
    drf_classes = {n: inherited(n, "drf") for n in classes}
    permission_classes = sorted(n for n in classes if inherited(n, "perm"))
    scoped_classes = sorted(n for n in classes if inherited(n, "scoped"))
    object_permission_classes = sorted(n for n in classes if inherited(n, "object_perm"))

    return {
        "project": project,
        "uses_auth": uses_auth or bool(auth_functions) or bool(fa_guarded) or bool(fl_guarded) or fl_app_guard,
        "auth_functions": sorted(auth_functions),
        "guard_helpers": sorted(guard_helpers),
        "request_tenants": sorted(request_tenants),
        # FastAPI dependencies that check the caller against the id in the path
        "fastapi_object_deps": sorted(object_deps),
        "fastapi_auth_deps": sorted(auth_deps),
        # what each project dependency (or Annotated alias) depends on, for names the analyzer judges itself
        "fastapi_dep_refs": {n: d["refs"] for n, d in sorted(deps.items()) if d.get("refs") and n not in auth_deps},
        "fastapi_guarded": sorted(fa_guarded),
        "fastapi_admin_guarded": sorted(fa_admin),
        # an application that authenticates every request it serves (`FastAPI(dependencies=[Depends(auth)])`)
        "fastapi_auth_app": any(o.get("kind") == "app" and deps_auth(o.get("deps", [])) for o in fa_objects),
        "fastapi_prefix": {k: v for k, v in sorted(fa_prefix.items()) if v},
        "flask_guarded": sorted(fl_guarded),
        # MethodView/Resource classes registered through a call that wraps each in auth decorators
        "flask_registered_guarded": sorted(set(fl_registered)),
        "flask_registered_paths": dict(sorted(fl_registered_paths.items())),
        "flask_app_guard": fl_app_guard,
        # hooks that check the user, by the object they hang on, with the paths they let through
        "flask_hooked": {h["key"]: sorted(set(h.get("exempt") or [])) for h in fl_hooks},
        "flask_parents": {k: sorted(set(v)) for k, v in sorted(fl_parents.items())},
        "flask_prefix": {k: v for k, v in sorted(fl_prefix.items()) if v},
        "protected_classes": protected_classes,
        "class_guards": {k: v for k, v in class_guards.items() if v},
        "drf_classes": {k: v for k, v in sorted(drf_classes.items()) if v},
        "permission_classes": permission_classes,
        "scoped_classes": scoped_classes,
        "object_permission_classes": object_permission_classes,
        "class_bases": {n: c.get("bases", []) for n, c in sorted(classes.items())},
        "foreign_bases": {n: c["foreign"] for n, c in sorted(classes.items()) if c.get("foreign")},
        "django": {**django, "active_auth_middleware": _active_middleware(django),
                   "wrapped_views": sorted(set(django["wrapped_views"])),
                   "csrf_exempt_views": sorted(set(django["csrf_exempt_views"])),
                   "protected_modules": sorted(set(django["protected_modules"]))},
        "express": _resolve_express(express_raw),
        "nest_global_guard": nest_guard,
        "spring": spring,
        "records": _resolve_records(raws),
    }
