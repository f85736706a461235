"""Routes declared in an OpenAPI (Swagger) document and bound to Python functions by operationId,
as connexion does (`operationId: app.api.pets.delete_pet`, or `x-openapi-router-controller` plus a
function name). An operation is protected when a security requirement applies to it (its own
`security`, else the document's); `security: []` makes it public.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from railguard.engine.access.hints import SPEC_SUFFIXES
from railguard.engine.access.model import Route
from railguard.engine.access.pyauth import auth_decorator, body_check

if TYPE_CHECKING:
    from railguard.engine.access.facts import Facts
    from railguard.engine.access.model import AccessModel
    from railguard.engine.access.python import PyFile

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
MAX_SPEC = 2_000_000


def is_spec(name: str, data: bytes) -> bool:
    return (Path(name).suffix in SPEC_SUFFIXES and b"operationId" in data
            and (b"openapi" in data[:4096] or b"swagger" in data[:4096]) and len(data) < MAX_SPEC)


def operations(data: bytes) -> list[dict[str, Any]]:
    """[{"operation": "module.function", "path", "method", "secured"}] from one spec (bad specs: none)."""
    try:
        spec = yaml.safe_load(data.decode("utf-8", "replace"))
    except yaml.YAMLError:
        return []
    if not isinstance(spec, dict) or not isinstance(spec.get("paths"), dict):
        return []
    global_security = bool(spec.get("security"))
    out: list[dict[str, Any]] = []
    for path, item in spec["paths"].items():
        if not isinstance(item, dict):
            continue
        controller = item.get("x-openapi-router-controller", "")
        for method, op in item.items():
            if method not in METHODS or not isinstance(op, dict) or not isinstance(op.get("operationId"), str):
                continue
            operation = op["operationId"]
            ctrl = op.get("x-openapi-router-controller", controller)
            if ctrl and "." not in operation:
                operation = f"{ctrl}.{operation}"
            secured = bool(op["security"]) if "security" in op else global_security
            public = "security" in op and not op["security"]
            out.append({"operation": operation, "path": str(path), "method": method.upper(), "secured": secured,
                        "public": public})
    return out


def routes(pf: PyFile, model: AccessModel, facts: Facts, known_lines: set[int]) -> list[Route]:
    ops = facts.data.get("openapi_operations") or []
    if not ops:
        return []
    functions = {pf.text(d.name_node): d for d in pf.functions() if d.name_node is not None and pf.is_top_level(d)}
    out: list[Route] = []
    for op in ops:
        module, _, name = op["operation"].rpartition(".")
        d = functions.get(name)
        if d is None or d.outer.start_point[0] in known_lines or not _same_module(pf.module, module):
            continue
        anchor = d.decorators[0] if d.decorators else d.name_node
        route = Route("flask", (op["method"],), op["path"], name, anchor.start_byte, anchor.end_byte,
                      d.outer.start_point[0])
        if op["secured"]:
            route.protected, route.reason = True, "a security requirement in the OpenAPI document"
        elif op.get("public"):
            route.public, route.reason = True, "`security: []` in the OpenAPI document"
        else:
            marker = next((m for m in (auth_decorator(pf, e, "flask", model, facts) for e in d.decorators) if m), "")
            check = marker or body_check(pf, d.node, ("flask", "fastapi"), model, facts)
            if check:
                route.protected, route.reason = True, marker and f"@{marker}" or check
            else:
                model.settle_unguarded(route, bool(facts.project))
        known_lines.add(d.outer.start_point[0])
        out.append(route)
    return out


def _same_module(file_module: str, wanted: str) -> bool:
    return bool(wanted) and (file_module == wanted or file_module.endswith("." + wanted)
                             or wanted.endswith("." + file_module))
