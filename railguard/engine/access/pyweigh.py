"""How sure a finding on an unguarded Python route (Flask, FastAPI, Django, DRF) is, mirroring
the Express model's `_weigh`.

An unguarded route is reported at medium or high confidence only on evidence:

- a state-changing route whose handler visibly changes stored data (a write, a model's own
  operation, a class-based view whose base class writes), or whose siblings in the same module
  are mostly guarded while its handler works on stored data;
- a handler that only returns a constant (a placeholder): a state-changing or sensitive route
  whose siblings are mostly guarded;
- a read-only route that names something sensitive, or whose siblings are mostly guarded, and
  whose handler reads stored data (a query, a record by a request id, a data helper), or that is
  named for an operation (GET /shutdown) and does more than return a constant.

Otherwise (a handler that sets only a cookie, renders a template, lists static definitions, a
module whose views are all public by intent, a handler that dispatches through an action layer
which authorizes, one whose writes are calls the file elsewhere answers with an access-denied
handler (a storage layer that checks the caller itself), code under an examples directory or in a
bundled test project, a handler whose docstring says it needs no sign-in) the guard may be where
the analyzer cannot see, or nothing needs one: the finding stays at low confidence, for the editor.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from railguard.engine.access import intent
from railguard.engine.access.layers import DATA_FILE
from railguard.engine.access.tree import code_text, walk
from railguard.rules.loader import load_data_file

if TYPE_CHECKING:
    from railguard.engine.access.model import AccessModel, Route
    from railguard.engine.document import Document

PY_ROUTES = ("flask", "fastapi", "django", "drf")
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
# class-based views whose base class writes (CreateView, UpdateAPIView, ModelViewSet, FormView ...)
_WRITING_BASE = re.compile(r"(Create|Update|Delete|Destroy|Form|ModelViewSet|Edit)\w*$")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    effects = load_data_file(DATA_FILE)["effects"]
    return {
        "writes": re.compile(effects["write-calls"]["python"]),
        "write_helpers": re.compile(effects["write-helpers"]),
        "context_updates": re.compile(effects.get("context-updates", "$^")),
        "reads": re.compile(effects["store-reads"]["python"]),
        "helpers": re.compile(effects["data-helpers"]),
        "response": re.compile(effects.get("response-calls", "$^")),
        "operations": frozenset(w.lower() for w in effects.get("operation-words") or ()),
    }


def weigh(doc: Document, model: AccessModel, routes: list[Any], defs: dict[int, Any],
          record_reads: dict[int, bool]) -> None:
    """Mark unguarded Python routes low confidence unless the evidence above holds."""
    live = [r for r in routes if not r.public and r.framework in PY_ROUTES]
    common = model.common
    layer = re.compile(common.get("action-layer-calls", "$^"))
    example = re.compile(common.get("example-dirs", "$^"))
    test_project = re.compile(common.get("test-project-dirs", "$^"))
    where = "/" + doc.path.replace("\\", "/")
    in_example = bool(example.search(where) or test_project.search(where))
    documented = re.compile(common.get("documented-public", "$^"))
    checked: frozenset[str] | None = None
    for r in live:
        if not r.unprotected:
            continue
        d = defs.get(r.anchor_line)
        if d is None:
            continue
        others = [o for o in live if o is not r]
        guarded = sum(1 for o in others if o.protected and _firm(doc, o, defs))
        consistent = guarded >= 1 and guarded * 2 >= len(others)
        if checked is None:
            checked = _refusing_calls(doc)
        r.low_confidence = r.low_confidence or in_example or r.unrouted or _documented_public(doc, d.node, documented) or not _evidence(doc, model, r, d, consistent, layer,
                                                       record_reads.get(id(r), False)) \
            or _writes_through(doc, d.node, checked)


# an exception a data layer raises when the caller may not do what it asks
_DENIED = re.compile(r"\b(AccessDenied|PermissionDenied|NotAuthori[sz]ed|Forbidden|Unauthori[sz]ed|AuthorizationError|"
                     r"NotAllowed)\b")


def _refusing_calls(doc: Document) -> frozenset[str]:
    """Calls, as written (`Item.create`), that open a `try:` of this file whose `except` catches an
    access-denied exception: the callee refuses the caller itself (a storage layer that checks permissions)."""
    out: set[str] = set()
    if doc.tree is None:
        return frozenset()
    for t in walk(doc.tree.root_node, {"try_statement"}, doc=doc):
        body = t.child_by_field_name("body")
        if body is None or not body.named_children or not any(
                c.type == "except_clause" and any(_DENIED.search(doc.node_text(x)) for x in c.named_children
                                                  if x.type != "block") for c in t.named_children):
            continue
        for call in walk(body.named_children[0], {"call"}):
            fn = call.child_by_field_name("function")
            if fn is not None and fn.type in ("identifier", "attribute"):
                out.add(doc.node_text(fn))
    return frozenset(out)


def _writes_through(doc: Document, node: Any, checked: frozenset[str] | None) -> bool:
    """A function handler writes, and only through calls that the file elsewhere answers with an
    access-denied handler (`Item.create(name)` in `try: ... except AccessDenied: abort(403)`): the layer
    it calls checks the caller, as an action layer does."""
    if not checked or node.type != "function_definition":
        return False
    text = code_text(doc, node.child_by_field_name("body"))
    used = [n for n in checked if n + "(" in text and writes(n + "(")]
    for name in used:
        text = re.sub(r"(?<![\w.])" + re.escape(name) + r"\(", "(", text)
    return bool(used) and not writes(text)


# an empty answer: `return HttpResponse(status=204)`, `return "", 204`, `pass`
_EMPTY = re.compile(r"^(return\s+\w*Response\(\s*(status(_code)?\s*=\s*[\w.]+)?\s*\)|return\s+(\"\"|''|None)"
                    r"(\s*,\s*20\d)?|return|pass)$")
_CALLER = re.compile(r"\b(request\.user|current_user|g\.user|request\.session|session\[|session\.get\(|"
                     r"login_user|get_jwt_identity)\b")


def writes(text: str) -> bool:
    """The code writes stored data, files or processes, or calls a project helper named for a write;
    filling a template context (`context.update(...)`) is not a write."""
    data = _data()
    text = data["context_updates"].sub("(", text)
    called = [n for n in _CALLED.findall(text) if not data["response"].search(n)]
    return bool(data["writes"].search(text)) or any(data["write_helpers"].search(n) for n in called)


def class_view_writes(doc: Document, node: Any) -> bool:
    """A class-based view writes: its code does, or a base class does (CreateView, FormView, ModelViewSet)."""
    supers = node.child_by_field_name("superclasses")
    bases = doc.node_text(supers) if supers is not None else ""
    return writes(code_text(doc, node)) or any(_WRITING_BASE.search(b) for b in re.findall(r"\w+", bases))


def changes_nothing(text: str) -> bool:
    """A handler that writes no stored data, reads none and does not touch the caller's user or
    session (it logs, validates, answers): forging a request to it gains nothing."""
    data = _data()
    called = [n for n in _CALLED.findall(text) if not data["response"].search(n)]
    return not (data["writes"].search(text) or any(data["write_helpers"].search(n) for n in called)
                or data["reads"].search(text) or any(data["helpers"].search(n) for n in called)
                or _CALLER.search(text))


# an in-handler check that refuses the caller (not a 404 on a setting, not a cache switch on the login state)
_REFUSES = re.compile(r"PermissionDenied|Forbidden|Unauthori[sz]ed|NotAuthenticated|AuthenticationFailed|NotAuthori[sz]ed|"
                      r"redirect_to_login|login|\b40[13]\b|HTTP_40[13]|has_perms?\(|check_access|permission|authori[sz]e")


def _firm(doc: Document, r: Route, defs: dict[int, Any]) -> bool:
    """A guarded sibling counts toward consistency when its guard is a decorator, a mixin, a
    dependency or a hook, or an in-handler check that refuses the caller."""
    if not r.reason.startswith(("a check in", "an in-handler check")):
        return True
    d = defs.get(r.anchor_line)
    return d is None or bool(_REFUSES.search(code_text(doc, d.node)))


def _evidence(doc: Document, model: AccessModel, r: Route, d: Any, consistent: bool, layer: re.Pattern[str],
              record_read: bool) -> bool:
    data = _data()
    node = d.node
    is_class = node.type == "class_definition"
    text = code_text(doc, node) if is_class else code_text(doc, node.child_by_field_name("body"))
    if layer.search(text):
        return False  # dispatched through an action/service layer that authorizes each call
    words = intent.words_of(r)
    sensitive = model.is_sensitive(r) or bool(words & intent.read_sensitive())
    if not is_class and intent.is_stub(_body_only(text)):
        # a placeholder that returns a constant: judged by its name and path, and by its siblings;
        # one that answers with an empty response is a beacon (a ping, a metrics collector)
        return consistent and (model.changes_state(r) or sensitive) and not _EMPTY.match(_body_only(text).strip())
    called = [n for n in _CALLED.findall(text) if not data["response"].search(n)]
    changes = class_view_writes(doc, node) if is_class and model.changes_state(r) else writes(text)
    reads = record_read or bool(data["reads"].search(text)) or any(data["helpers"].search(n) for n in called)
    methods = set(r.methods)
    if model.changes_state(r) or (not methods or methods & {"ANY", "ALL"}) and changes:
        return changes or (consistent and reads)
    acts = bool(words & data["operations"]) and not intent.is_stub(text)
    return (reads or acts) and (sensitive or consistent)


def _documented_public(doc: Document, node: Any, documented: re.Pattern[str]) -> bool:
    """The handler's docstring says it is meant to be reached without signing in (frameworks.yaml
    `documented-public`)."""
    body = node.child_by_field_name("body")
    first = body.named_children[0] if body is not None and body.named_children else None
    if first is None or first.type != "expression_statement" or not first.named_children or \
            first.named_children[0].type != "string":
        return False
    return bool(documented.search(doc.node_text(first)))


def _body_only(text: str) -> str:
    """A function body without its docstring."""
    return re.sub(r'^\s*("""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\')\s*', "", text)
