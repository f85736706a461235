"""NestJS controllers (TypeScript) and what protects them.

Routes: methods decorated with `@Get/@Post/@Put/@Patch/@Delete/@All/@Options/@Head` in a class
decorated with `@Controller('prefix')`. Protection: `@UseGuards(...)` on the method or the class
with a guard that authenticates (AuthGuard('jwt'), JwtAuthGuard, a project guard named for auth),
or a global guard (`app.useGlobalGuards(...)`, an `APP_GUARD` provider) unless the route carries a
public marker (`@Public()`, `@SkipAuth()`, `@AllowAnonymous()`). Roles: `@Roles('admin')`, a roles
or admin guard.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from railguard.engine.access.model import Route
from railguard.engine.access.tree import call_args, dotted, string_value, walk

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.facts import Facts
    from railguard.engine.access.model import AccessModel
    from railguard.engine.document import Document

VERBS = {"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE", "All": "ALL",
         "Options": "OPTIONS", "Head": "HEAD"}
_GLOBAL_GUARD = re.compile(r"useGlobalGuards\s*\(\s*(new\s+)?(\w+)|provide\s*:\s*APP_GUARD\s*,\s*useClass\s*:\s*(\w+)")
_NOT_AUTH_GUARD = re.compile(r"(?i)throttl|rate|csrf|cache")
_ROLE = re.compile(r"(?i)^(roles?|hasroles?|permissions?|requirepermissions?|admin\w*)$|roles?guard|admin\w*guard|"
                   r"permissions?guard|policiesguard|casl")


def is_nest_file(doc: Document) -> bool:
    return "@Controller" in doc.text


def collect(doc: Document, raw: dict[str, Any], model: AccessModel) -> None:
    for m in _GLOBAL_GUARD.finditer(doc.text):
        guard = m.group(2) or m.group(3) or ""
        if guard and not _NOT_AUTH_GUARD.search(guard):
            raw["nest_global_guard"] = guard
            raw["uses_auth"] = True


def _decorators(doc: Document, node: Node) -> list[tuple[str, Node]]:
    """(name, decorator) of a class (children of it or of its export statement) or of a method (the
    decorators right before it in the class body)."""
    out: list[tuple[str, Node]] = []
    if node.type == "method_definition":
        sib = node.prev_named_sibling
        while sib is not None and sib.type == "decorator":
            out.append(sib)  # type: ignore[arg-type]
            sib = sib.prev_named_sibling
        nodes = [*out]
        out = []
    else:
        holder = node.parent if node.parent is not None and node.parent.type == "export_statement" else node
        nodes = [c for c in holder.children if c.type == "decorator"] + [c for c in node.children if c.type == "decorator"]
    for d in nodes:
        expr = d.named_children[0] if d.named_children else None
        if expr is None:
            continue
        fn = expr.child_by_field_name("function") if expr.type == "call_expression" else expr
        out.append((dotted(doc, fn).rsplit(".", 1)[-1], d))
    return out


def _first_string(doc: Document, deco: Node) -> str:
    expr = deco.named_children[0] if deco.named_children else None
    if expr is None or expr.type != "call_expression":
        return ""
    args = call_args(expr)
    return (string_value(doc, args[0]) or "") if args else ""


def _guard(doc: Document, decos: list[tuple[str, Node]], model: AccessModel) -> tuple[str, bool]:
    """(the authenticating guard or role marker, whether it restricts to a role)."""
    found, role = "", False
    for name, d in decos:
        text = doc.node_text(d)
        if name == "UseGuards":
            guards = [g for g in re.findall(r"\b(\w*Guard\w*)\b|AuthGuard\(", text) if g]
            if any(not _NOT_AUTH_GUARD.search(g) for g in guards) or "AuthGuard(" in text:
                found = found or text[:60]
                role = role or any(_ROLE.search(g) for g in guards)
        elif _ROLE.search(name):
            found, role = found or text[:60], True
        elif model.is_auth_name(name, "nestjs") and name not in VERBS and name != "Controller":
            found = found or text[:60]
    return found, role


def routes(doc: Document, model: AccessModel, facts: Facts) -> list[Route]:
    out: list[Route] = []
    global_guard = facts.data.get("nest_global_guard") or ""
    for cls in walk(doc.tree.root_node, {"class_declaration"}, doc=doc):
        cdecos = _decorators(doc, cls)
        ctrl = next((d for n, d in cdecos if n == "Controller"), None)
        if ctrl is None:
            continue
        prefix = _first_string(doc, ctrl)
        body = cls.child_by_field_name("body")
        if body is None:
            continue
        class_guard, class_role = _guard(doc, cdecos, model)
        class_public = any(model.is_public_name(n, "nestjs") for n, _ in cdecos)
        for m in body.named_children:
            if m.type != "method_definition":
                continue
            mdecos = _decorators(doc, m)
            verb = next(((VERBS[n], d) for n, d in mdecos if n in VERBS), None)
            if verb is None:
                continue
            path = "/" + "/".join(p.strip("/") for p in (prefix, _first_string(doc, verb[1])) if p.strip("/"))
            name = m.child_by_field_name("name")
            first = mdecos[-1][1] if mdecos else m
            route = Route("nestjs", (verb[0],), path, doc.node_text(name) if name is not None else path,
                          first.start_byte, first.end_byte, first.start_point[0])
            guard, role = _guard(doc, mdecos, model)
            if any(model.is_public_name(n, "nestjs") for n, _ in mdecos) or class_public:
                route.public, route.reason = True, "a public marker"
            elif guard or class_guard:
                route.protected, route.reason = True, guard or class_guard
                route.admin_only = role or class_role
            elif global_guard:
                route.protected, route.reason = True, f"the global guard {global_guard}"
                route.admin_only = bool(_ROLE.search(global_guard))
            else:
                reason = model.public_reason(route)
                if reason:
                    route.public, route.reason = True, reason
                else:
                    route.needs_project = not facts.project
            out.append(route)
    return out


def handler(doc: Document, route: Route) -> Node | None:
    """The method_definition of a route (for the object-level and intent checks)."""
    node = doc.tree.root_node.descendant_for_byte_range(route.start, route.end)
    while node is not None and node.type != "decorator":
        node = node.parent
    sib = node.next_named_sibling if node is not None else None
    while sib is not None and sib.type == "decorator":
        sib = sib.next_named_sibling
    return sib if sib is not None and sib.type == "method_definition" else None


def param_names(doc: Document, method: Node) -> set[str]:
    """Parameters bound from the request: `@Param('id') id`, `@Query() q`, `@Body() dto`."""
    params = method.child_by_field_name("parameters")
    out: set[str] = set()
    if params is None:
        return out
    for p in params.named_children:
        text = doc.node_text(p)
        if re.search(r"@(Param|Query|Body|Headers)\b", text):
            ident = p.child_by_field_name("pattern")
            if ident is not None:
                out.add(doc.node_text(ident))
    return out
