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

from railguard.engine.access import prelogin
from railguard.engine.access.layers import DATA_FILE
from railguard.engine.access.model import normalize_path, path_has_params, path_segments
from railguard.engine.access.tree import code_text
from railguard.rules.loader import load_data_file

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.model import AccessModel, Route
    from railguard.engine.document import Document

_LANG = {"flask": "python", "fastapi": "python", "django": "python", "drf": "python", "graphql": "python",
         "express": "javascript", "spring": "java"}
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
_STATIC_EXT = re.compile(r"\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|eot|txt|xml|webmanifest|html?)$")
# a model's own operation that is not a read (`Project.archive(id)`), in a state-changing route
_MODEL_ACTION = re.compile(
    r"\b(?!(JSON|Math|Object|Array|Promise|String|Number|Date|Buffer|Path|HTTPStatus|Response|JSONResponse|"
    r"HTTPException|Decimal|UUID|Enum|Markup|BytesIO|StringIO)\b)[A-Z]\w*\.(?!(find|get|count|list|select|query|"
    r"fetch|all|where|filter|exists|search|lookup|read|load|as_view|model_validate|parse|from|of|is|to|with)\w*\b)"
    r"[a-z]\w*\(")
# a handler whose whole body is one `return redirect(...)` (to a configured or fixed place)
_REDIRECT_ONLY = re.compile(r"^return\s+[\w.]*redirect\w*\((?:[^()]|\([^()]*\))*\)$")
# a path parameter: `<int:pk>`, `{id}`, `:token`, a Django regex group `(?P<key>.+?)`
_PARAM = re.compile(r"^(?:[<{:](?:\w+:)?(\w+)[>}]?\??|\(\?P<(\w+)>.*\))$", re.IGNORECASE)
# the record's id and then its key (`/order/<pk>/<key>/`): the key, not the id, opens the record
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>(?:\[[^\]]*\]|\\.|[^()\[\]\\]|\((?:\[[^\]]*\]|\\.|[^()\[\]\\])*\))*\)")
_KEYED = re.compile(r"^(key|\w+_key)$", re.IGNORECASE)
_USER_PARAM = re.compile(r"^(uid|uidb64|uidb36|user|user_?id|user_?pk|username|email)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _data() -> dict:
    data = load_data_file(DATA_FILE)
    effects = data["effects"]
    return {
        "calls": {k: re.compile(v) for k, v in effects["data-calls"].items()},
        "helpers": re.compile(effects["data-helpers"]),
        "stub": re.compile(effects["stub"]),
        "session_keyed": re.compile(effects.get("session-keyed", "$^")),
        "writes": {k: re.compile(v) for k, v in effects["write-calls"].items()},
        "context_updates": re.compile(effects.get("context-updates", "$^")),
        "write_helpers": re.compile(effects["write-helpers"]),
        "read_sensitive": frozenset(w.lower() for w in effects["read-sensitive-words"]),
        "people": frozenset(w.lower() for w in effects["people-words"]),
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


# asset words a static segment may end with (`pwa_icon`); "images" or "media" alone may hold uploads
_ASSET_WORDS = frozenset({"icon", "icons", "favicon", "logo", "fonts", "css", "js"})
_CURRENT_USER = re.compile(r"\b(current_user|request\.user|g\.user|req\.user|req\.session|session\[|get_current_user)")


def public_by_design(route: Route, model: AccessModel, body: str | None = None) -> str:
    """A path shape that is public by design, or ""."""
    common = model.common
    raw = re.sub(r"^/\^", "/", route.path)
    raw = re.sub(r"\$?/[gimsuy]*$", "", raw) if route.path.startswith("/^") else raw
    # a named group of a regex path is one parameter, whatever its pattern (`(?P<token>[^/]+)`)
    raw = _NAMED_GROUP.sub(r"<\1>", raw)
    segments = path_segments(raw)
    reads = not route.methods or all(m in ("GET", "HEAD", "OPTIONS") for m in route.methods)
    capability = re.compile(common.get("capability-params", "$^"), re.IGNORECASE)
    names = [(m.group(1) or m.group(2)) if m else "" for m in (_PARAM.match(seg) for seg in segments)]
    # a token beside the user it belongs to (`/<pk>/ical/<uidb64>/<token>`) signs that user in: the
    # record named beside them is still to be checked against that user
    user_token = any(_USER_PARAM.match(n) for n in names if n)
    for i, name in enumerate(names):
        if name and not user_token and (capability.search(name) or _KEYED.match(name) and any(names[:i])) \
                and not (body and _CURRENT_USER.search(body)):
            return f"a capability URL (the {name} in the path is the credential)"
    # a segment without its extension (`/system/sitemap.json` is a sitemap)
    words = {re.sub(r"\.(json|xml|txt|html?|rss|atom|svg|png)$", "", s.lower()) for s in segments if not _PARAM.match(s)}
    public_segments = {s.lower() for s in common.get("public-segments") or ()}
    if reads and words & public_segments:
        return f"a public page ({sorted(words & public_segments)[0]})"
    if reads and "public" in _words(f"{raw} {route.handler}"):
        return "named public"
    path = normalize_path(raw)
    first = next((s.lower() for s in segments if not _PARAM.match(s)), "")
    static = {s.lower() for s in common.get("static-segments") or ()}
    # a first segment whose last word names an asset (`/pwa_icon`, `/app-icons`, `/touch-favicon`)
    last_word = re.split(r"[_-]", first)[-1] if first else ""
    if reads and (first in static or last_word in _ASSET_WORDS or _STATIC_EXT.search(path)
                  or path in ("/*", "*", "/(.*)", "/**")):
        return "a static asset or the single-page app's fallback"
    if reads and any(path.startswith(p.rstrip("/") + "/") for p in common.get("public-read-prefixes") or ()):
        return "a health/status endpoint"
    return ""


def _verdict(route: Route, body: str | None, model: AccessModel, record_read: bool, group_private: bool,
             doc: Document | None = None) -> str:
    """Why an unguarded route needs no login ("" when it does: it is reported)."""
    if body is None:
        return ""  # the handler is elsewhere: judged by name and path, as before
    data = _data()
    stripped = body.strip().lstrip("{").rstrip("}")
    if not stripped.strip() or data["stub"].match(stripped):
        return ""
    if _REDIRECT_ONLY.match(_no_docstring(stripped)):
        # a moved or deprecated path: the target route does the work, and its guard applies there
        return "its handler only redirects"
    lang = _LANG.get(route.framework, "python")
    words = _words(f"{route.path} {route.handler}")
    segments = path_segments(route.path)
    if segments and segments[-1] in {s.lower() for s in model.common.get("sensitive-endpoints") or ()}:
        return ""
    called = _CALLED.findall(body)
    # filling the context of the template it renders (`context.update(extra_context or {})`) is no write
    rendered = data["context_updates"].sub("(", body) if _RENDERS.search(body) else body
    writes = bool(data["writes"][lang].search(rendered)) or any(
        data["write_helpers"].search(n) and not _inert_helper(doc, n) for n in called) or (
        model.changes_state(route) and bool(_MODEL_ACTION.search(body)))
    if writes and (model.changes_state(route) or route.methods == ("GET",) or not route.methods):
        return ""  # changes stored data, files or processes
    if not writes and not model.changes_state(route) and _redirects_only(_no_docstring(stripped)):
        # every answer sends the caller elsewhere (a legacy URL to its canonical one): the target route checks
        return "its handler only redirects"
    if model.changes_state(route) and model.is_sensitive(route):
        return ""
    if words & data["read_sensitive"]:
        return ""
    if words & data["people"] and not path_has_params(route.path):
        return ""  # a list of people
    if record_read or group_private:
        return ""  # one stored record by a request id, or a router whose other routes all need a login
    reads = bool(data["calls"][lang].search(body)) or any(data["helpers"].search(n) for n in called)
    return "a public read (no stored data changes)" if reads else "its handler reads no stored data and changes nothing"


def _inert_helper(doc: Document | None, name: str) -> bool:
    """A top-level function of this Python file, named like a write, whose body reads and writes no
    stored data (`add_facets(facets, sort)` appends to the list it is handed): its verb is no write."""
    if doc is None or doc.language != "python":
        return False
    data = _data()
    for node in doc.tree.root_node.named_children:
        if node.type == "decorated_definition":
            node = node.child_by_field_name("definition")
        name_node = node.child_by_field_name("name") if node is not None and node.type == "function_definition" else None
        if name_node is None or doc.node_text(name_node) != name:
            continue
        text = code_text(doc, node.child_by_field_name("body"))
        return bool(text) and not data["writes"]["python"].search(text) and not data["calls"]["python"].search(text) \
            and not any(data["write_helpers"].search(n) for n in _CALLED.findall(text))
    return False


_RENDERS = re.compile(r"\b(render|render_to_response|render_template|TemplateResponse)\(")
_RETURN = re.compile(r"^[ \t]*return\b(.*)$", re.MULTILINE)
_RESPONSE = re.compile(r"\b(render\w*|(?!\w*Redirect)\w*Response|jsonify|send_\w+|make_response)\(")


def _redirects_only(body: str) -> bool:
    """Every `return` of the handler is a redirect, and it builds no other response."""
    returns = _RETURN.findall(body)
    return bool(returns) and all(re.match(r"(?i)\s+[\w.]*redirect\w*\(", r) for r in returns) and \
        not _RESPONSE.search(body)


def _no_docstring(body: str) -> str:
    return re.sub(r'^\s*("""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"[^"\n]*"|\'[^\'\n]*\')\s*\n', "", body).strip()


def words_of(route: Route) -> set[str]:
    """The words of a route's path and handler name."""
    return _words(f"{route.path} {route.handler}")


def read_sensitive() -> frozenset[str]:
    """Words that make even a read-only route worth a login (datalayers.yaml)."""
    return _data()["read_sensitive"]


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|_", text) if w}


def settle(route: Route, doc: Document, anchor: Node | None, body: str | None, model: AccessModel,
           record_read: bool = False, group_private: bool = False, implicit_writes: bool = False) -> None:
    """Mark an unguarded route public when its registration, path or handler says it is."""
    if not route.unprotected:
        return
    # what the handler is for (a pre-login step) is judged on a class-based view's code too
    purpose = body if route.methods != ("MUTATION",) else None
    if route.methods == ("MUTATION",) or (implicit_writes and model.changes_state(route)):
        body = None  # a mutation, or a class-based view whose base classes write: judged by name and path
    reason = ""
    if anchor is not None and dev_only(doc, anchor):
        reason = "registered only in development"
    reason = reason or public_by_design(route, model, body)
    if not reason and body is not None and _sign_up(route, body, model):
        reason = "a sign-up: it creates the caller's own account"
    if not reason and body is not None and _setting_gated(route, body, model):
        reason = "open to anyone by a setting the handler checks (the operator's decision)"
    if not reason and purpose is not None:
        reason = prelogin.reason(route, purpose, model)
    if not reason and anchor is not None and _LANG.get(route.framework) == "python":
        whole = doc.node_text(anchor)
        if _data()["session_keyed"].search(whole) and not _CURRENT_USER.search(whole):
            reason = "works on the caller's own session data (an anonymous cart)"
        elif re.search(model.common.get("credential-lookup", "$^"), whole) and not _CURRENT_USER.search(whole):
            reason = "the token the request carries is its credential (the record is looked up by it)"
    if not reason and body is not None and anchor is not None and _LANG.get(route.framework) == "python" and \
            _answers_anonymous(doc, anchor):
        reason = "it answers anonymous callers itself (an `if user.is_authenticated:` with an `else`)"
    reason = reason or _verdict(route, body, model, record_read, group_private, doc)
    if reason:
        route.public, route.reason, route.needs_project = True, reason, False


# the test of the caller's sign-in state (`if request.user.is_authenticated:`, `user = request.user` first)
_SIGNED_IN_TEST = re.compile(r"^\(?\s*(?:(?:self\.)?request\.)?user\.is_authenticated(?:\(\s*\))?\s*\)?$")


def _answers_anonymous(doc: Document, anchor: Node) -> bool:
    """A view public on purpose: it branches on the caller's sign-in state with an answer for each
    (`if request.user.is_authenticated: ... else: response["user"] = {"is_authenticated": False}`), and
    what runs outside the signed-in branch writes nothing."""
    fn = anchor.child_by_field_name("definition") if anchor.type == "decorated_definition" else anchor
    body = fn.child_by_field_name("body") if fn is not None and fn.type == "function_definition" else None
    if body is None:
        return False
    text, cut, found = doc.data, bytearray(), False
    at = body.start_byte
    for node in _ifs(body):
        cond, then = node.child_by_field_name("condition"), node.child_by_field_name("consequence")
        if cond is None or then is None or node.child_by_field_name("alternative") is None or \
                not _SIGNED_IN_TEST.match(doc.node_text(cond)) or then.start_byte < at:
            continue
        found = True
        cut += text[at:then.start_byte]
        at = then.end_byte
    if not found:
        return False
    rest = (cut + text[at:body.end_byte]).decode("utf-8", "replace")
    data = _data()
    return not data["writes"]["python"].search(rest) and not any(
        data["write_helpers"].search(n) and not _inert_helper(doc, n) for n in _CALLED.findall(rest))


def _ifs(body: Node) -> list[Node]:
    """The `if` statements of a function body, outside nested functions, in order."""
    out, stack = [], [body]
    while stack:
        node = stack.pop()
        if node.type == "if_statement":
            out.append(node)
        if node.type not in ("function_definition", "class_definition", "lambda") or node is body:
            stack.extend(reversed(node.named_children))
    return sorted(out, key=lambda n: n.start_byte)


_PRIVILEGED = re.compile(r"(?i)\b(admin|staff|superuser|internal|role|is_admin|is_staff|is_superuser)\b")


# an `if` on the setting by which the operator opens new accounts to anyone (`if not settings.allow_new_accounts:`)
_OPEN_ACCOUNTS = re.compile(r"(?im)^\s*(if|elif)\b[^\n]*\b\w*(allow|enable|open)\w*_(new_)?(accounts?|users?|registrations?|"
                            r"signups?|sign_ups?)\b")


def _sign_up(route: Route, body: str, model: AccessModel) -> bool:
    """The handler creates the caller's own account: on a state-changing method, or on any method when it
    first checks the setting that opens new accounts (a link that claims a voucher into a new wallet)."""
    calls = re.compile(model.common.get("sign-up-calls", "$^"))
    opens = model.changes_state(route) or bool(_OPEN_ACCOUNTS.search(body))
    return opens and bool(calls.search(body)) and not _PRIVILEGED.search(
        f"{route.path} {route.handler} {body}") and not _CURRENT_USER.search(body)


def _setting_gated(route: Route, body: str, model: AccessModel) -> bool:
    """The handler does its work only under an `if` on a setting that opens it to anyone
    (frameworks.yaml `public-setting-gates`: `if form.validate() and config.get("ALLOW_PUBLIC_CREATION"):`)."""
    gate = model.common.get("public-setting-gates")
    if not gate or _CURRENT_USER.search(body) or _PRIVILEGED.search(f"{route.path} {route.handler}"):
        return False
    return bool(re.search(r"(?m)^\s*(if|elif)\b[^\n]*(?:" + gate + ")", body))


def private_groups(routes: list[Route]) -> set[str]:
    """Routers (by path prefix) whose routes, but for a few, need a login: at least three others, 80 % protected."""
    groups: dict[str, list[Route]] = {}
    for r in routes:
        key = _group_key(r.path)
        if key:
            groups.setdefault(key, []).append(r)
    out = set()
    for key, members in groups.items():
        protected = sum(1 for r in members if r.protected)
        if len(members) >= 4 and protected >= 0.8 * (len(members) - 1) and protected >= 3:
            out.add(key)
    return out


def _group_key(path: str) -> str:
    for seg in re.split(r"/+", path.strip("^$/").lower()):
        if seg and not re.match(r"^([<{:(*]|api$|v\d+$|rest$)", seg):
            return seg
    return ""


def group_of(route: Route) -> str:
    return _group_key(route.path)


def is_stub(body: str) -> bool:
    """A handler body that only returns a constant or an empty response: it changes nothing."""
    return bool(_data()["stub"].match(body.strip()))
