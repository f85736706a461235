"""Django URLconfs whose every view is wrapped in an auth decorator, and the views they reach.

A URLconf may wrap all the patterns listed so far in a decorator that checks the user
(Wagtail's admin: `urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)`, the same
shape as django-decorator-include): every view routed above that statement is guarded, and so is
every view of a URLconf it includes. Patterns added after it (the sign-in page) are not.

Apps hand URLs and views to such a URLconf through hooks (Wagtail: a function registered for
`register_admin_urls` returns patterns that the admin URLconf adds before it wraps them; a bulk
action registered for `register_bulk_action` is dispatched by an admin view). A hook is guarded
when the wrapping URLconf gathers it before the wrap, or when the framework data names it
(frameworks.yaml, django `admin-url-hooks` / `admin-view-hooks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from railguard.engine.access.pyauth import auth_decorator
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
    from railguard.engine.access.python import PyFile


def view_key(pf: PyFile, node: Node | None) -> str:
    """`module:Name` of the view a pattern routes (`views.release`, `account.AccountView.as_view()`)."""
    while node is not None and node.type == "call":
        callee = pf.dotted(node.child_by_field_name("function"))
        if last_name(callee) == "as_view":
            name = callee.rsplit(".", 1)[0]
            break
        pos = positional(call_args(node))
        node = pos[0] if pos else None
    else:
        name = pf.dotted(node) if node is not None else ""
    if not name or name in ("include", "urls"):
        return ""
    module, var = pf.origin(name)
    return f"{module}:{var}" if var else ""


def _include_module(pf: PyFile, call: Node) -> str:
    pos = positional(call_args(call))
    if not pos:
        return ""
    target = pos[0]
    if target.type == "tuple" and target.named_children:
        target = target.named_children[0]
    literal = string_value(pf.doc, target)
    if literal is not None:
        return literal
    module, var = pf.origin(pf.dotted(target))
    return f"{module}.{var}" if var else module


def _patterns(pf: PyFile, root: Node, model: AccessModel, end: int | None = None) -> tuple[list[str], list[str]]:
    """(views, included URLconf modules) of the route calls under `root` (before byte `end`)."""
    route_fns = model.fw("django").names("route-functions")
    views: list[str] = []
    includes: list[str] = []
    for call in walk(root, {"call"}, doc=pf.doc):
        if end is not None and call.start_byte >= end:
            continue
        callee = pf.dotted(call.child_by_field_name("function"))
        pos = positional(call_args(call))
        if last_name(callee) not in route_fns or len(pos) < 2:
            continue
        target = pos[1]
        if target.type == "call" and last_name(pf.dotted(target.child_by_field_name("function"))) == "include":
            module = _include_module(pf, target)
            if module:
                includes.append(module)
            continue
        key = view_key(pf, target)
        if key:
            views.append(key)
    return views, includes


def _hook_name(pf: PyFile, expr: Node) -> str:
    """`hooks.register("register_admin_urls")` -> the hook's name."""
    if expr.type != "call" or last_name(pf.dotted(expr.child_by_field_name("function"))) != "register":
        return ""
    pos = positional(call_args(expr))
    return (string_value(pf.doc, pos[0]) or "") if pos else ""


def _loop_items(pf: PyFile, call: Node, var: str) -> list[Node]:
    """`for action_class in [A, B]: hooks.register(..., action_class)` -> [A, B]."""
    node = call.parent
    while node is not None and node.type != "module":
        if node.type == "for_statement" and pf.text(node.child_by_field_name("left")) == var:
            return list_items(node.child_by_field_name("right"))
        node = node.parent
    return []


def collect(pf: PyFile, dj: dict[str, Any], model: AccessModel, facts: Facts) -> None:
    text = pf.doc.text
    fw = model.fw("django")
    if "urlpatterns" in text:
        views, includes = _patterns(pf, pf.root, model)
        if views:
            dj.setdefault("urlconf_views", {})[pf.module] = views
        if includes:
            dj.setdefault("urlconf_includes", {})[pf.module] = includes
        _wrapped(pf, dj, model, facts)
    if ".register(" not in text and "register(" not in text:
        return
    hooks: dict[str, dict[str, list[str]]] = dj.setdefault("hooks", {})
    for d in pf.definitions:
        for e in d.decorators:
            name = _hook_name(pf, e)
            if not name:
                continue
            entry = hooks.setdefault(name, {"views": [], "includes": []})
            if d.node.type == "class_definition":
                entry["views"].append(f"{pf.module}:{pf.text(d.name_node)}")
            else:
                views, includes = _patterns(pf, d.node, model)
                entry["views"] += views
                entry["includes"] += includes
    for call in walk(pf.root, {"call"}, doc=pf.doc):
        name = _hook_name(pf, call)
        pos = positional(call_args(call))
        if not name or len(pos) < 2:
            continue
        targets = _loop_items(pf, call, pf.text(pos[1])) if pos[1].type == "identifier" else []
        keys = [view_key(pf, t) for t in targets or [pos[1]]]
        hooks.setdefault(name, {"views": [], "includes": []})["views"] += [k for k in keys if k]
    dj.setdefault("guarded_hooks", []).extend(fw.names("admin-url-hooks") | fw.names("admin-view-hooks"))


def plugins(pf: PyFile, dj: dict[str, Any], model: AccessModel) -> None:
    """Panels of plugin frameworks (frameworks.yaml `plugin-urlconfs`): the classes of a file that
    imports the framework or has the framework's panel-file name (a panel that subclasses another
    project panel need not import the framework), with their bases; `resolve` follows the chains."""
    text = pf.doc.text
    name = pf.doc.path.rsplit("/", 1)[-1]
    package = pf.module.rsplit(".", 1)[0] if "." in pf.module else ""
    if "class " not in text or not package:
        return
    for framework, spec in (model.fw("django").value("plugin-urlconfs") or {}).items():
        imported = framework in text and any(m.split(".", 1)[0] == framework for m, _ in pf.imports.values())
        if not imported and name not in (spec.get("panel-files") or ()):
            continue
        dj.setdefault("plugin_specs", {})[framework] = spec
        for node in walk(pf.root, {"class_definition"}, doc=pf.doc):
            # a base the file imports from the framework (`horizon.Panel`, `from horizon import
            # Panel`) is the framework's; other bases (`~Name`) are classes of the project
            bases = []
            for b in pf.class_bases(node):
                origin = pf.imports.get(b.split(".", 1)[0])
                ours = origin is not None and origin[0].split(".", 1)[0] == framework
                bases.append(("" if ours else "~") + b.rsplit(".", 1)[-1])
            public = pf.class_attr(node, "public")
            urls = pf.class_attr(node, "urls")
            dj.setdefault("plugin_classes", []).append({
                "framework": framework, "package": package, "name": pf.text(node.child_by_field_name("name")),
                "bases": bases, "public": public is not None and pf.text(public).strip() == "True",
                "urls": (string_value(pf.doc, urls) if urls is not None else None) or ""})


def _plugin_confs(classes: list[dict[str, Any]], spec_of: dict[str, dict[str, Any]]) -> tuple[set[str], str]:
    """The URLconfs served behind a plugin framework's login check: those of every class whose
    base chain reaches a panel base of the framework (`class Backups(project_panel.Backups)`),
    outside the packages of dashboards that declare themselves public."""
    confs: set[str] = set()
    marker = ""
    for framework, spec in spec_of.items():
        mine = [c for c in classes if c.get("framework") == framework]
        panels = {c["name"] for c in mine if set(c["bases"]) & set(spec.get("panel-bases") or ())}
        boards = {c["name"] for c in mine if set(c["bases"]) & set(spec.get("dashboard-bases") or ())}
        grew = True
        while grew:  # subclasses of project panels (by name), to a fixed point
            grew = False
            for c in mine:
                named = {b.lstrip("~") for b in c["bases"]}
                if c["name"] not in panels and named & panels:
                    panels.add(c["name"])
                    grew = True
                if c["name"] not in boards and named & boards:
                    boards.add(c["name"])
        public = {c["package"] for c in mine if c["name"] in boards and c["public"]}
        for c in mine:
            if c["name"] not in panels:
                continue
            conf = c["urls"] or f"{c['package']}.urls"
            if not any(conf.startswith(p + ".") for p in public):
                confs.add(conf)
                marker = marker or spec.get("marker") or f"{framework}'s login check"
    return confs, marker


def _wrapped(pf: PyFile, dj: dict[str, Any], model: AccessModel, facts: Facts) -> None:
    """`urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)`: what it guards."""
    for node in walk(pf.root, {"assignment"}, doc=pf.doc):
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None or pf.text(left) != "urlpatterns" or right.type != "call":
            continue
        pos = positional(call_args(right))
        if not any(pf.text(p) == "urlpatterns" for p in pos):
            continue
        marker = next((m for m in (auth_decorator(pf, p, "django", model, facts) for p in pos
                                   if pf.text(p) != "urlpatterns") if m), "")
        if not marker:
            continue
        views, includes = _patterns(pf, pf.root, model, end=node.start_byte)
        dj.setdefault("guarded_views", []).extend(views)
        dj.setdefault("guarded_urlconfs", []).extend(includes)
        dj["urlconf_marker"] = marker
        # hooks the URLconf gathers before the wrap: `for fn in hooks.get_hooks("register_admin_urls")`
        for call in walk(pf.root, {"call"}, doc=pf.doc):
            if call.start_byte < node.start_byte and last_name(pf.dotted(call.child_by_field_name("function"))) \
                    == "get_hooks":
                hook = positional(call_args(call))
                name = string_value(pf.doc, hook[0]) if hook else None
                if name:
                    dj.setdefault("guarded_hooks", []).append(name)
        return


def resolve(django: dict[str, Any], raws: list[dict[str, Any]]) -> None:
    """Merge the files' URLconf facts into `django["guarded_views"]` (module:name keys) and add
    the packages of guarded app URLconfs (`app/urls.py`) to `protected_modules`."""
    urlconf_views: dict[str, list[str]] = {}
    urlconf_includes: dict[str, list[str]] = {}
    hooks: dict[str, dict[str, list[str]]] = {}
    guarded_views: set[str] = set()
    guarded_confs: set[str] = set()
    guarded_hooks: set[str] = set()
    plugin_classes: list[dict[str, Any]] = []
    spec_of: dict[str, dict[str, Any]] = {}
    marker = ""
    for raw in raws:
        dj = raw.get("django") or {}
        urlconf_views.update(dj.get("urlconf_views") or {})
        urlconf_includes.update(dj.get("urlconf_includes") or {})
        for name, entry in (dj.get("hooks") or {}).items():
            cur = hooks.setdefault(name, {"views": [], "includes": []})
            cur["views"] += entry.get("views", [])
            cur["includes"] += entry.get("includes", [])
        guarded_views.update(dj.get("guarded_views") or [])
        guarded_confs.update(dj.get("guarded_urlconfs") or [])
        guarded_hooks.update(dj.get("guarded_hooks") or [])
        marker = marker or dj.get("urlconf_marker", "")
        plugin_classes += dj.get("plugin_classes") or []
        spec_of.update(dj.get("plugin_specs") or {})
    if plugin_classes:
        confs, plugin_marker = _plugin_confs(plugin_classes, spec_of)
        guarded_confs |= confs
        marker = marker or plugin_marker
    for name in guarded_hooks:
        entry = hooks.get(name) or {}
        guarded_views.update(entry.get("views", []))
        guarded_confs.update(entry.get("includes", []))
    todo = list(guarded_confs)
    seen: set[str] = set()
    while todo and len(seen) < 500:
        wanted = todo.pop()
        if wanted in seen:
            continue
        seen.add(wanted)
        for module, views in urlconf_views.items():
            if module_matches(module, wanted):
                guarded_views.update(views)
        for module, includes in urlconf_includes.items():
            if module_matches(module, wanted):
                todo += includes
    django["guarded_views"] = sorted(guarded_views)
    django["urlconf_marker"] = marker or ("the admin's access check" if guarded_views else "")
    django["protected_modules"] = sorted(set(django.get("protected_modules") or [])
                                         | {m for m in seen if m.rsplit(".", 1)[-1] == "urls" and "." in m})


def guarded(module: str, name: str, facts: Facts) -> str:
    """The reason a view of `module` named `name` is guarded by a wrapping URLconf, or ""."""
    dj = facts.section("django")
    for key in dj.get("guarded_views") or ():
        m, _, v = key.rpartition(":")
        # a package re-exports its modules' views (`from app.views.bulk import DeleteBulkAction`)
        if v == name and (module_matches(module, m) or ("." + module + ".").find("." + m + ".") >= 0):
            return f"{dj.get('urlconf_marker') or 'an auth decorator'} around every view of its URLconf"
    return ""
