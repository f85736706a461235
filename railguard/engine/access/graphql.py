"""GraphQL mutations (graphene, strawberry, ariadne) and whether they check the caller."""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.engine.access.model import Route
from railguard.engine.access.pyauth import auth_decorator, body_check
from railguard.engine.access.tree import (
    call_args,
    keyword,
    last_name,
    list_items,
    positional,
    string_value,
)

if TYPE_CHECKING:
    from railguard.engine.access.facts import Facts
    from railguard.engine.access.model import AccessModel
    from railguard.engine.access.python import Definition, PyFile


def is_graphql_file(pf: PyFile) -> bool:
    t = pf.doc.text
    return "graphene" in t or "strawberry" in t or "ariadne" in t


def mutations(pf: PyFile, model: AccessModel, facts: Facts) -> list[Route]:
    gq = model.fw("graphql")
    out: list[Route] = []
    for c in pf.classes():
        name = pf.text(c.name_node)
        bases = [b for b in pf.class_bases(c.node)]
        if any(last_name(b) in gq.names("graphene-mutation-bases") for b in bases) and (
                "graphene" in pf.doc.text or "Mutation" in "".join(bases)):
            resolver = next((m for m in pf.methods(c.node)
                             if pf.text(m.name_node) in ("mutate", "mutate_and_get_payload", "perform_mutate")), None)
            route = Route("graphql", ("MUTATION",), name, name, c.name_node.start_byte, c.name_node.end_byte,
                          c.outer.start_point[0])
            _decide(pf, resolver, route, model, facts, class_def=c)
            out.append(route)
            continue
        is_strawberry_type = any("strawberry" in pf.dotted(e.child_by_field_name("function") if e.type == "call" else e)
                                 for e in c.decorators)
        if is_strawberry_type and name.lower().startswith("mutation") or (is_strawberry_type and "Mutation" in name):
            for m in pf.methods(c.node):
                fields = [e for e in m.decorators
                          if last_name(pf.dotted(e.child_by_field_name("function") if e.type == "call" else e))
                          in ("mutation", "field")]
                if not fields:
                    continue
                mname = pf.text(m.name_node)
                route = Route("graphql", ("MUTATION",), mname, f"{name}.{mname}", m.name_node.start_byte,
                              m.name_node.end_byte, m.outer.start_point[0])
                for e in fields:
                    if e.type == "call":
                        args = call_args(e)
                        perms = keyword(pf.doc, args, "permission_classes")
                        ext = keyword(pf.doc, args, "extensions")
                        if list_items(perms) or any("Permission" in pf.text(x) for x in list_items(ext)):
                            route.protected, route.reason = True, "permission_classes"
                if not route.protected:
                    _decide(pf, m, route, model, facts)
                out.append(route)
    # ariadne: mutation = MutationType(); @mutation.field("createPost")
    mutation_objs = {n for n, c in pf.constructed_with(frozenset({"MutationType"})).items()}
    for d in pf.functions():
        for e in d.decorators:
            if e.type != "call":
                continue
            callee = pf.dotted(e.child_by_field_name("function"))
            if callee.endswith(".field") and callee.rsplit(".", 1)[0] in mutation_objs:
                pos = positional(call_args(e))
                field = string_value(pf.doc, pos[0]) if pos else pf.text(d.name_node)
                route = Route("graphql", ("MUTATION",), field or "", pf.text(d.name_node), e.start_byte, e.end_byte,
                              d.outer.start_point[0])
                _decide(pf, d, route, model, facts)
                out.append(route)
    return out


def _decide(pf: PyFile, d: Definition | None, route: Route, model: AccessModel, facts: Facts,
            class_def: Definition | None = None) -> None:
    if class_def is not None:
        for e in class_def.decorators:
            marker = auth_decorator(pf, e, "graphql", model, facts)
            if marker:
                route.protected, route.reason = True, f"@{marker}"
                return
        for attr in ("permission_classes", "permissions"):
            if list_items(pf.class_attr(class_def.node, attr)):
                route.protected, route.reason = True, attr
                return
    if d is None:
        return
    for e in d.decorators:
        marker = auth_decorator(pf, e, "graphql", model, facts)
        if marker:
            route.protected, route.reason = True, f"@{marker}"
            return
    check = body_check(pf, d.node, ("graphql", "django", "flask"), model, facts)
    if check:
        route.protected, route.reason = True, check
