"""What an unguarded route is for, judged by what its handler does (datalayers.yaml `effects`,
`dev-flag`) and by public-by-design path shapes (frameworks.yaml `common`):

- registered only in development (`if (isDev) { app.post(...) }`, `if app.debug:`);
- a capability URL, where a token in the path is the credential (`/push/:pushToken`);
- a status page, a badge, a `/public/` page, a static asset, health checks below `/health/`;
- a handler that reads no stored data, changes nothing and names nothing sensitive (a page,
  a conversion, a QR code): nothing to protect. A stub that only returns a constant is judged
  by its name and path, as before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from railguard.engine.access.model import normalize_path, path_segments
from railguard.engine.access.ownership import DATA_FILE
from railguard.rules.loader import load_data_file

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.model import AccessModel, Route
    from railguard.engine.document import Document

_LANG = {"flask": "python", "fastapi": "python", "django": "python", "drf": "python", "graphql": "python",
         "express": "javascript", "spring": "java"}
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_STATIC_EXT = re.compile(r"\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|eot|txt|xml|webmanifest|html?)$")
_PARAM = re.compile(r"^[<{:](?:\w+:)?(\w+)[>}]?\??$")


@lru_cache(maxsize=1)
def _data() -> dict:
    data = load_data_file(DATA_FILE)
    effects = data["effects"]
    return {
        "calls": {k: re.compile(v) for k, v in effects["data-calls"].items()},
        "helpers": re.compile(effects["data-helpers"]),
        "stub": re.compile(effects["stub"]),
        "dev": re.compile(data["dev-flag"]),
    }


def dev_only(doc: Document, node: Node) -> bool:
    """The route is registered inside the body of an `if` on a development flag."""
    dev = _data()["dev"]
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "if_statement":
            cond = parent.child_by_field_name("condition")
            consequence = parent.child_by_field_name("consequence")
            if cond is not None and consequence is not None and consequence.start_byte <= child.start_byte \
                    and child.end_byte <= consequence.end_byte and dev.match(doc.node_text(cond)):
                return True
        child, parent = parent, parent.parent
    return False


_CURRENT_USER = re.compile(r"\b(current_user|request\.user|g\.user|req\.user|req\.session|session\[|get_current_user)")


def public_by_design(route: Route, model: AccessModel, body: str | None = None) -> str:
    """A path shape that is public by design, or ""."""
    common = model.common
    raw = re.sub(r"^/\^", "/", route.path)
    raw = re.sub(r"\$?/[gimsuy]*$", "", raw) if route.path.startswith("/^") else raw
    segments = path_segments(raw)
    reads = not route.methods or all(m in ("GET", "HEAD", "OPTIONS") for m in route.methods)
    capability = re.compile(common.get("capability-params", "$^"), re.IGNORECASE)
    for seg in segments:
        m = _PARAM.match(seg)
        if m and capability.search(m.group(1)) and not (body and _CURRENT_USER.search(body)):
            return f"a capability URL (the {m.group(1)} in the path is the credential)"
    words = {s.lower() for s in segments if not _PARAM.match(s)}
    public_segments = {s.lower() for s in common.get("public-segments") or ()}
    if reads and words & public_segments:
        return f"a public page ({sorted(words & public_segments)[0]})"
    path = normalize_path(raw)
    first = next((s.lower() for s in segments if not _PARAM.match(s)), "")
    static = {s.lower() for s in common.get("static-segments") or ()}
    if reads and (first in static or _STATIC_EXT.search(path) or path in ("/*", "*", "/(.*)", "/**")):
        return "a static asset or the single-page app's fallback"
    if reads and any(path.startswith(p.rstrip("/") + "/") for p in common.get("public-read-prefixes") or ()):
        return "a health/status endpoint"
    return ""


def inert(route: Route, body: str | None, model: AccessModel) -> bool:
    """The handler reads no stored data, changes nothing and names nothing sensitive."""
    if body is None or model.is_sensitive(route):
        return False
    segments = path_segments(route.path)
    if segments and segments[-1] in {s.lower() for s in model.common.get("sensitive-endpoints") or ()}:
        return False
    data = _data()
    stripped = body.strip().lstrip("{").rstrip("}")
    if not stripped.strip() or data["stub"].match(stripped):
        return False
    lang = _LANG.get(route.framework, "python")
    if data["calls"][lang].search(body):
        return False
    helpers = data["helpers"]
    return not any(helpers.search(name) for name in _CALLED.findall(body))


def settle(route: Route, doc: Document, anchor: Node | None, body: str | None, model: AccessModel) -> None:
    """Mark an unguarded route public when its registration, path or handler says it is."""
    if not route.unprotected:
        return
    reason = ""
    if anchor is not None and dev_only(doc, anchor):
        reason = "registered only in development"
    reason = reason or public_by_design(route, model, body)
    if not reason and inert(route, body, model):
        reason = "its handler reads no stored data and changes nothing"
    if reason:
        route.public, route.reason, route.needs_project = True, reason, False
