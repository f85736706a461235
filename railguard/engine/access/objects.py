"""Object-level checks (IDOR) and CSRF exemptions on routes already found by the framework models."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from railguard.engine.access.intent import is_stub
from railguard.engine.access.layers import layers
from railguard.engine.access.model import path_segments
from railguard.engine.access.pyweigh import changes_nothing, writes
from railguard.engine.access.tree import code_text, dotted, last_name, walk

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.model import AccessModel, Route
    from railguard.engine.document import Document

JAVA_LOOKUPS = {"findById", "getById", "getReferenceById", "getOne", "findOne", "deleteById", "findByIdOrThrow", "find",
                "getReference"}
_JAVA_OWNER = re.compile(r"Principal|Authentication|AuthenticationPrincipal|getCurrentUser|currentUser|SecurityContextHolder|"
                         r"owner|getUser\(\)|userId|FORBIDDEN|AccessDenied|hasPermission", re.IGNORECASE)
_WEBHOOK = re.compile(r"webhook|callback|hook|notify|notification|ipn|csp|stripe|paypal|slack|twilio|github|sns|event",
                      re.IGNORECASE)
_SIGNATURE = re.compile(r"signature|hmac|construct_event|verify_signature|compare_digest", re.IGNORECASE)
_PY_STATE = re.compile(r"request\.(POST|body|FILES|data)|\.save\(|\.delete\(|\.create\(|\.update\(|method\s*==\s*[\"']POST")


# the handler's input is a JSON body (Flask's request.json / get_json() refuse other content types)
# the handler reads a bearer token from the Authorization header (an API client's credential, not a cookie)
_BEARER = re.compile(r"""\bauthorization\b[^\n]*[\s\S]{0,200}?["']bearer\b|\brequire_oauth\b|\bResourceProtector\(""", re.IGNORECASE)
_JSON_BODY = re.compile(r"\brequest\.(json\b|get_json\(\s*\))")
_OTHER_INPUT = re.compile(r"\brequest\.(form|values|args|files|data|POST|GET|FILES|body)\b|force\s*=\s*True|silent\s*=\s*True")


def id_params(route: Route, params: list[str]) -> set[str]:
    """Parameters that carry an object id from the URL."""
    out = set()
    for seg in path_segments(route.path):
        m = re.match(r"^[<{:](?:\w+:)?(\w+)[>}]?\??$", seg)
        if m:
            out.add(m.group(1))
    for p in params:
        low = p.lower()
        if low in ("id", "pk", "uuid", "slug") or low.endswith(("_id", "_pk", "_uuid", "id")):
            out.add(p)
    return out


def java_lookup(doc: Document, method: Node) -> tuple[int, int, str] | None:
    params = method.child_by_field_name("parameters")
    body = method.child_by_field_name("body")
    if params is None or body is None:
        return None
    if _JAVA_OWNER.search(code_text(doc, params)) or _JAVA_OWNER.search(code_text(doc, body)):
        return None
    ids = set()
    for p in params.named_children:
        if "PathVariable" in doc.node_text(p) or "PathParam" in doc.node_text(p):
            name = p.child_by_field_name("name")
            if name is not None:
                ids.add(doc.node_text(name))
    if not ids:
        return None
    for call in walk(body, {"method_invocation"}, doc=doc):
        name = call.child_by_field_name("name")
        if name is None or doc.node_text(name) not in JAVA_LOOKUPS:
            continue
        args = call.child_by_field_name("arguments")
        used = {doc.node_text(i) for i in walk(args, {"identifier"}, doc=doc)} if args is not None else set()
        if used & ids:
            return call.start_byte, call.end_byte, doc.node_text(call)
    return None


def token_in_path(route: Route, model: AccessModel) -> str:
    """The name of a path parameter that is the caller's credential (`/device/<auth_token>/...`), or ""."""
    capability = re.compile(model.common.get("capability-params", "$^"), re.IGNORECASE)
    for seg in path_segments(route.path):
        m = re.match(r"^[<{:](?:\w+:)?(\w+)[>}]?\??$", seg)
        if m and capability.search(m.group(1)):
            return m.group(1)
    return ""


_MEMBER = re.compile(r"\b(current_user|request\.user|self\.request\.user|g\.user)\b")


def token_confirmation(route: Route, handler_text: str, model: AccessModel) -> bool:
    """A page that confirms a token sent by e-mail (frameworks.yaml `token-confirmation-words`,
    `request-token`): named for the confirmation, it reads the token from the request and names no
    signed-in user. The token is the caller's credential, as in a capability URL."""
    words = re.compile(model.common.get("token-confirmation-words", "$^"))
    token = re.compile(model.common.get("request-token", "$^"))
    return bool((words.search(route.path) or words.search(route.handler.replace("_", "-"))) and
                token.search(handler_text) and not _MEMBER.search(handler_text))


def _without_docstring(doc: Document, body: Node) -> str:
    parts = body.named_children
    if parts and parts[0].type == "expression_statement" and parts[0].named_children and \
            parts[0].named_children[0].type == "string":
        parts = parts[1:]
    return "\n".join(doc.node_text(p) for p in parts)


def python_csrf_exempt(doc: Document, decorators: list[Node], fn: Node, route: Route, model: AccessModel,
                       names: frozenset[str]) -> Node | None:
    """The csrf-exempting decorator of a state-changing view that is not a signed webhook."""
    for e in decorators:
        text = doc.node_text(e)
        callee = dotted(doc, e.child_by_field_name("function")) if e.type == "call" else dotted(doc, e)
        exempt = callee in names or last_name(callee) in names or (
            last_name(callee) == "method_decorator" and "csrf_exempt" in text)
        if not exempt:
            continue
        body = code_text(doc, fn)
        if token_in_path(route, model):
            return None  # a device or callback API whose URL carries its credential: no session to ride
        inner = fn.child_by_field_name("body")
        if inner is not None and is_stub(_without_docstring(doc, inner)):
            return None  # a beacon or stub that answers and changes nothing
        if _WEBHOOK.search(route.path) or _WEBHOOK.search(route.handler) or _SIGNATURE.search(body):
            return None
        if forged_gains_nothing(route, body, model) or preflighted_only(route):
            return None
        inner_text = code_text(doc, inner) if inner is not None else ""
        # work queued for a worker, or the request handed to a function that may change anything
        acts_elsewhere = bool(_QUEUES.search(inner_text)) or _hands_on_request(inner_text)
        if inner is not None and not acts_elsewhere and changes_nothing(inner_text):
            return None  # a report endpoint that logs and answers: nothing to forge
        if inner is not None and not acts_elsewhere and not writes(inner_text):
            # it reads and answers (a status poll, a search): a forged request changes nothing, and the
            # page that forges it cannot read the answer
            return None
        if _oauth_protocol(doc, decorators, route, body, model):
            return None  # the OAuth server authenticates the client or the bearer token, not a cookie session
        if any(_KEY_AUTH_DECORATOR.search(last_name(dotted(doc, d.child_by_field_name("function")) if d.type == "call"
                                                     else dotted(doc, d))) for d in decorators if d is not e):
            return None  # a machine endpoint that authenticates by a shared key, token or address, not a cookie
        if _JSON_BODY.search(body) and not _OTHER_INPUT.search(body):
            return None  # a JSON body: a cross-site form cannot send one without a CORS preflight
        if _ORIGIN_EXIT.search(body):
            return None  # only a fixed page may send it: a cross-site form cannot forge its Referer or Origin
        if inner is not None and _only_under_ajax(doc, inner):
            return None  # all it does runs under `if request.is_ajax():`: a cross-site form never gets there
        if _AJAX_EXIT.search(body) or any(_AJAX_DECORATOR.search(last_name(
                dotted(doc, d.child_by_field_name("function")) if d.type == "call" else dotted(doc, d)))
                for d in decorators if d is not e):
            return None  # only the page's own script gets in: a cross-site form cannot set X-Requested-With
        if model.changes_state(route) or _PY_STATE.search(body):
            return e
    return None


# what a request carries only because the browser added it: the session, its user, the cookies, or a
# sign-in that the response will set (`login(request, user)`)
_AMBIENT = re.compile(r"\b(?:auth_)?log(?:in|out)(?:_user)?\s*\(|\.user\b|\bcurrent_user\b|\bsession\b|\bCOOKIES\b|"
                      r"\bcookies\b|\bget_signed_cookie\(")


def preflighted_only(route: Route) -> bool:
    """A route that answers only PUT, PATCH or DELETE: a form of another site cannot send one, and a
    script of another origin only after a CORS preflight the app would have to allow."""
    return bool(route.methods) and all(m in ("PUT", "PATCH", "DELETE") for m in route.methods)


def forged_gains_nothing(route: Route, text: str, model: AccessModel) -> bool:
    """A sign-up or reset form anyone may post, that neither reads the caller's session nor signs anyone
    in: a forged post does nothing a direct one could not."""
    return bool(model.public_reason(route)) and not _AMBIENT.search(text)


def _hands_on_request(text: str) -> bool:
    """The request goes to another function (`process_order_file(request)`), not to a response,
    a template or a lookup that only reads."""
    return any(name not in _RESPONDERS and not _READER.match(name) for name in _HANDS_ON_REQUEST.findall(text))


# a view that refuses a request without the X-Requested-With header (`if not request.is_ajax(): raise Http404`,
# `if request.headers.get("X-Requested-With") != "XMLHttpRequest": return ...`): a cross-site form cannot
# set the header, and a script of another origin cannot without a CORS preflight; so does a decorator
# named for it (`@ajax_only`, `@require_ajax`; not django-annoying's `@ajax_request`, which only answers JSON)
_AJAX_EXIT = re.compile(r"\bif\s+(?:not\s+[^\n:]*\bis_ajax\(|[^\n:]*(?i:x[-_]requested[-_]with)[^\n:]*"
                        r"(?:!=|\bnot\s+in\b))[^\n]*:\s*\n(\s*#[^\n]*\n)*\s*(raise|return)\b")
# the view refuses a request whose Referer or Origin is not a fixed page (`if request.referrer not in
# ("http://localhost:9666/flashgot", ...): abort(403)`): a page on another site cannot send that header
_ORIGIN_EXIT = re.compile(
    r"\bif\s+[^\n:]*(?:\.referrer\b|\.headers\.get\(\s*[\"'](?i:referer|origin)[\"']\s*\)|"
    r"\bMETA(?:\.get\(\s*|\[\s*)[\"']HTTP_(?:REFERER|ORIGIN)[\"']\s*[)\]])\s*"
    r"(?:!=\s*[\"'][^\"'\n]+[\"']|\bnot\s+in\s*[(\[{]\s*(?:[\"'][^\"'\n]+[\"']\s*,?\s*)+[)\]}])\s*:\s*\n"
    r"(\s*#[^\n]*\n)*\s*(raise|return|[\w.]*abort)\b")
# work queued for a worker (`task.delay(...)`, `apply_async`, `send_task`, `queue.enqueue(...)`): a change
_QUEUES = re.compile(r"\.(?:delay|apply_async|send_task|enqueue\w*|enqueue_call)\(")
# the request handed to another function, which may change what the view does not show
_HANDS_ON_REQUEST = re.compile(r"\b(\w+)\(\s*(?:request|req)\s*[,)]")
_RESPONDERS = frozenset({"render", "render_to_response", "render_to_string", "TemplateResponse", "SimpleTemplateResponse",
                         "redirect", "JsonResponse", "HttpResponse", "RequestContext", "get_token", "is_ajax",
                         "get_current_site", "get_language_from_request", "messages", "info", "success", "warning",
                         "error", "debug", "add_message", "get_messages"})
# a function named for what it reads or answers (`get_client_ip(request)`, `is_secure(request)`)
_READER = re.compile(r"^_?(?:get|is|has|can|should|parse|read|find)_\w")
_AJAX_TEST = re.compile(r"^(?:request\.is_ajax\(\)|(?i:request\.(?:headers|META)\.get\(\s*[\"'](?:x[-_]requested[-_]with|"
                        r"HTTP_X_REQUESTED_WITH)[\"']\s*\)\s*==\s*[\"']XMLHttpRequest[\"']))$")


def _only_under_ajax(doc: Document, body: Node) -> bool:
    """The view's work is one `if request.is_ajax():` block (or a test of X-Requested-With) and the
    statements around it read nothing of the request and change nothing."""
    under = False
    for stmt in body.named_children:
        if stmt.type == "if_statement":
            cond = stmt.child_by_field_name("condition")
            if cond is not None and _AJAX_TEST.match(doc.node_text(cond).strip()) and \
                    stmt.child_by_field_name("alternative") is None:
                under = True
                continue
        text = doc.node_text(stmt)
        if stmt.type in ("import_statement", "import_from_statement", "comment") or (
                stmt.type == "expression_statement" and stmt.named_children
                and stmt.named_children[0].type == "string"):
            continue
        if stmt.type == "return_statement" and "request" not in text:
            continue
        return False
    return under


_AJAX_DECORATOR = re.compile(r"(?i)^(ajax_only|only_ajax|ajax_required|require_ajax|requires_ajax|xhr_only|"
                             r"ajax_post_only)$")


# decorators that authenticate a request by a key, token, signature or source address it carries
# (`@key_and_ip_auth`, `@api_key_required`, `@token_auth`, `@require_signature`): no browser session
_KEY_AUTH_DECORATOR = re.compile(r"(?i)^(?:\w+_)?(?:api_?key|key|token|bearer|hmac|signature|signed|ip)(?:_and_\w+)?_"
                                 r"(?:auth|authenticated|required|auth_required|protected|only)$|"
                                 r"^(?:require|requires|check|verify)_(?:api_?key|token|signature|hmac|shared_secret)$")


def _oauth_protocol(doc: Document, decorators: list[Node], route: Route, body: str, model: AccessModel) -> bool:
    """An OAuth protocol endpoint that authenticates the client or a bearer token, not the browser's cookie:
    the handler hands the request to the authorization server library (frameworks.yaml `oauth-server-calls`:
    authlib's `create_token_response()`, `create_endpoint_response("revocation")`) or reads a bearer token.
    Not the authorization (consent) endpoint, nor a handler that also works on the signed-in user or the
    cookie session (an RP-initiated logout, a token minted for the current user): those ride the cookie."""
    if re.search(r"(?i)authori[sz]e|consent", f"{route.path} {route.handler}") or _MEMBER.search(body) or \
            re.search(r"\bsession(\[|\.get\(|\.pop\()|\blogout_user\(", body):
        return False
    server = re.compile(model.common.get("oauth-server-calls", "$^"))
    return bool(server.search(body) or _BEARER.search(body) or
                any(_BEARER.search(doc.node_text(e)) for e in decorators))


# the caller's own id passed to the data layer: `delete_feedbacks_by_user_id(user.id)`, `user_id=user.id`
_CALLER_SCOPED = re.compile(r"(\(|,|\b(user_id|owner_id|author_id|created_by|created_by_id)\s*=)\s*"
                            r"(user|current_user|request\.user|self\.request\.user|g\.user)\.(id|pk|user_id|uid)\b")
_ROLE_BRANCH = re.compile(r"\bif\s+[^\n]*\b(role\s*(==|!=|in\b)|is_?admin|is_?superuser|is_?staff)")


# the handler stops unless the caller is a member or owner of the record it names
_MEMBER_GATE = re.compile(r"\bif\s+not\s+(await\s+)?[\w.]*\b(is_\w*(member|owner|participant)\w*|has_\w*access\w*|"
                          r"can_\w+)\([^\n]*\b(user|current_user|request\.user|self\.request\.user)\.(id|pk)\b[^\n]*:\s*\n"
                          r"\s*(raise|return|abort)\b")
# the handler stops unless the record it loaded is the caller's: `if upload.uploaded_by_user != request.user: raise`
_OWNER_GATE = re.compile(r"\bif\s+(not\s+)?[\w.]+\.\w*(user|owner|author|creator|created_by)\w*\s*!=\s*"
                         r"(request\.user|self\.request\.user|current_user|g\.user)(\.(id|pk))?\s*:\s*\n"
                         r"\s*(raise|return|abort)\b")
# the handler stops unless the caller holds a model-wide permission (Django's `has_perm("app.change_x")`, a
# permission policy's `user_has_permission(request.user, "add")`): a role that acts on every record
_MODEL_PERMISSION_EXIT = re.compile(
    r"\bif\s+not\s+\(?\s*[\w.()\s]*?\b(has_perms?|user_has_permission|user_has_any_permission)\(\s*"
    r"(request\.user|self\.request\.user|user|current_user)?\s*,?\s*[\[(]?\s*[\"'][\w.]+[\"'][^()]*\)\s*\)?\s*:"
    r"\s*\n\s*(raise|return)\b")


def model_permission_exit(body_text: str) -> bool:
    return bool(_MODEL_PERMISSION_EXIT.search(body_text))


# the handler's first statement gates it on a deployment setting (`if await Config.get("admin.show"):`):
# what it shows is what the deployer chose to show
_CONFIG_GATE = re.compile(r"^\s*(\"\"\"[\s\S]*?\"\"\"\s*)?if\s+(not\s+)?(await\s+)?(Config|config|settings|app\.config|"
                          r"request\.app\.state\.config)\b[^\n]*:")


def own_records_only(route: Route, handler_text: str) -> bool:
    """The handler works on the caller's own records (its data calls are scoped by the caller's id),
    or branches on the role itself (admins act on any record, everyone else on their own), or lets
    only the record's members in, or shows only what a deployment setting says to show."""
    m = re.match(r"\s*(async\s+)?def\s[\s\S]*?\)\s*(->[^:\n]+)?:[ \t]*\n", handler_text)
    body = handler_text[m.end():] if m else handler_text
    if _MEMBER_GATE.search(handler_text) or _OWNER_GATE.search(handler_text) or _CONFIG_GATE.search(body):
        return True
    if path_segments(route.path)[-1:] in (["me"], ["self"], ["whoami"]):
        return True  # the REST name of the caller's own record (`/users/me`)
    if not _CALLER_SCOPED.search(handler_text):
        return False
    has_id = any(re.match(r"^[<{:](?:\w+:)?(\w+)[>}]?\??$", seg) for seg in path_segments(route.path))
    return not has_id or bool(_ROLE_BRANCH.search(handler_text))


def resolved_first(doc: Document, fn: Node, start: int, ids: set[str]) -> bool:
    """The request's id was first handed to a project helper whose result gates the code before
    the lookup at `start` (`entry = library.get_visible_book(book_id)`, then `if entry:`): the
    helper resolved the id within what the caller may see, and what follows works on that record's
    relations."""
    body = fn.child_by_field_name("body")
    if body is None or not ids:
        return False
    before = doc.data[body.start_byte:start].decode("utf-8", "surrogateescape")
    loaders = layers().loaders["python"]
    names = "|".join(re.escape(i) for i in sorted(ids))
    for m in re.finditer(rf"^\s*(\w+)\s*=\s*(await\s+)?([a-z_][\w.]*)\([^\n]*\b({names})\b", before, re.MULTILINE):
        var, callee = m.group(1), m.group(3)
        if callee.split(".")[0] in ("request", "session", "db", "self", "cls") or last_name(callee) in loaders:
            continue  # a data-layer load is itself a lookup, judged as one
        if re.search(rf"^\s*if\s+(not\s+)?{re.escape(var)}\s*:", before[m.end():], re.MULTILINE):
            return True
    return False
