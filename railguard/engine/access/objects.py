"""Object-level checks (IDOR) and CSRF exemptions on routes already found by the framework models."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from railguard.engine.access.model import path_segments
from railguard.engine.access.tree import call_args, code_text, dotted, last_name, positional, walk

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.model import AccessModel, Route
    from railguard.engine.document import Document

PY_LOOKUPS = {"get", "get_or_404", "first_or_404", "filter_by", "filter", "get_object_or_404", "get_by_id",
              "get_or_none", "one_or_404", "get_list_or_404", "exclude"}
JS_LOOKUPS = {"findById", "findByPk", "findOne", "findUnique", "findFirst", "findByIdAndUpdate", "findByIdAndDelete",
              "findByIdAndRemove", "findOneAndUpdate", "findOneAndDelete", "findOneAndRemove", "deleteOne", "updateOne",
              "findUniqueOrThrow", "update", "delete", "destroy"}
JAVA_LOOKUPS = {"findById", "getById", "getReferenceById", "getOne", "findOne", "deleteById", "findByIdOrThrow", "find",
                "getReference"}
_PY_OWNER = re.compile(
    r"current_user|request\.user|g\.user|\buser_id\b|\bowner|\bauthor\b|created_by|\.user\s*[!=]=|\buser\s*[!=]=|"
    r"abort\(\s*403|PermissionDenied|has_perm|check_object_permissions|Forbidden|HTTP_403|\b403\b|"
    r"can_(edit|view|delete|access|update)|is_owner|belongs_to|get_current_user|\.user\b", re.IGNORECASE)
_JS_OWNER = re.compile(r"req\.user|req\.auth|req\.payload|res\.locals\.(user|auth)|\buserId\b|\buser_id\b|owner|author|createdBy|"
                       r"\b403\b|Forbidden|req\.session\.user", re.IGNORECASE)
_JAVA_OWNER = re.compile(r"Principal|Authentication|AuthenticationPrincipal|getCurrentUser|currentUser|SecurityContextHolder|"
                         r"owner|getUser\(\)|userId|FORBIDDEN|AccessDenied|hasPermission", re.IGNORECASE)
_WEBHOOK = re.compile(r"webhook|callback|hook|notify|notification|ipn|stripe|paypal|slack|twilio|github|sns|event",
                      re.IGNORECASE)
_SIGNATURE = re.compile(r"signature|hmac|construct_event|verify_signature|compare_digest", re.IGNORECASE)
_PY_STATE = re.compile(r"request\.(POST|body|FILES|data)|\.save\(|\.delete\(|\.create\(|\.update\(|method\s*==\s*[\"']POST")
# content that is usually readable by every signed-in user: a GET of one is not reported
PUBLIC_CONTENT = re.compile(r"^(Post|BlogPost|Article|Comment|Product|Category|Tag|Page|Question|Answer|Course|Lesson|"
                            r"Event|Topic|Thread|Forum|Recipe|Book|Movie|Video|Photo|Image|Review|Item)s?$")
_DB_HINT = re.compile(r"\.query\b|\.objects\b|session|\bdb\b|get_object_or_404|get_list_or_404|get_by_id|crud|repo")


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


def _model_name(doc: Document, call: Node, callee: str) -> str:
    head = callee.split(".")[0]
    if head and head[0].isupper():
        return head
    for a in call_args(call):
        if a.type == "identifier" and doc.node_text(a)[:1].isupper():
            return doc.node_text(a)
    return ""


def python_lookup(doc: Document, fn: Node, ids: set[str], reads_only: bool = False) -> tuple[int, int, str] | None:
    """The first ORM lookup by a URL id in the function, when nothing compares the owner."""
    body = fn.child_by_field_name("body")
    if body is None or not ids:
        return None
    if _PY_OWNER.search(code_text(doc, body)):
        return None
    for call in walk(body, {"call"}, doc=doc):
        callee = dotted(doc, call.child_by_field_name("function"))
        name = last_name(callee)
        if name not in PY_LOOKUPS:
            continue
        args = call_args(call)
        if name in ("get", "get_or_404") and callee.split(".")[0] in ("request", "args", "form", "kwargs", "os",
                                                                       "environ", "params", "headers", "data"):
            continue
        if not (_DB_HINT.search(doc.node_text(call)) or (name == "get" and len(positional(args)) >= 1
                                                          and "query" in callee)):
            continue
        used = {doc.node_text(i) for a in args for i in walk(a, {"identifier"}, doc=doc)}
        if used & ids:
            if reads_only and PUBLIC_CONTENT.match(_model_name(doc, call, callee)):
                return None
            return call.start_byte, call.end_byte, doc.node_text(call)
    return None


def js_lookup(doc: Document, handler: Node) -> tuple[int, int, str] | None:
    body = handler.child_by_field_name("body")
    if body is None:
        return None
    text = code_text(doc, body)
    if _JS_OWNER.search(text):
        return None
    for call in walk(body, {"call_expression"}, doc=doc):
        callee = dotted(doc, call.child_by_field_name("function"))
        if last_name(callee) not in JS_LOOKUPS:
            continue
        args_text = " ".join(doc.node_text(a) for a in call_args(call))
        if "req.params" in args_text or re.search(r"\b(id|\w+Id)\b", args_text) and "req.params" in text:
            return call.start_byte, call.end_byte, doc.node_text(call)
    return None


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
        if _WEBHOOK.search(route.path) or _WEBHOOK.search(route.handler) or _SIGNATURE.search(body):
            return None
        if model.changes_state(route) or _PY_STATE.search(body):
            return e
    return None
