"""Recognising auth in Python code: decorators, calls and in-body checks, shared by
the Flask, FastAPI, Django and GraphQL models."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from railguard.engine.access.tree import call_args, code_text, last_name, positional, walk

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.facts import Facts
    from railguard.engine.access.model import AccessModel
    from railguard.engine.access.python import Definition, PyFile

PY_FRAMEWORKS = ("flask", "django", "fastapi", "graphql")
# decorators that take a permission, role or policy object: authorization (and so authentication)
POLICY_DECORATORS = frozenset({"requires", "require", "permission_required", "permissions_required", "roles_required",
                               "roles_accepted", "requires_roles", "requires_permission", "requires_permissions",
                               "has_permission", "has_role", "authorize", "policy_required", "role_required"})
_NESTED_DEF = re.compile(r"^[ \t]+(?:async[ \t]+)?def[ \t]+(\w+)", re.MULTILINE)


def _returns_inner_function(text: str) -> bool:
    """A decorator's shape: it defines a function inside and returns it (`return wrapper`). A
    helper that only defines a local function for its own use (`def check_type(...)`) is not one."""
    return any(re.search(r"\breturn\s+" + re.escape(m.group(1)) + r"\b", text) for m in _NESTED_DEF.finditer(text))
# extra signs that a decorator-shaped function authenticates the request
_DECORATOR_AUTH = re.compile(
    r"jwt\.decode\(|verify_jwt_in_request|decode_(auth_)?token\(|verify_(auth_)?token\(|check_token\(|"
    r"request\.headers(\.get\(|\[)\s*[\"'](?i:authorization|x-api-key|x-access-token|x-auth-token)|"
    r"\b(current_user|request\.user|g\.user)\.(is_authenticated|is_anonymous|is_admin|is_staff|is_superuser|has_perm|has_role)|"
    # a permission method of the caller's user model that raises (`request.user.check_access(project)`)
    r"\b(current_user|request\.user|g\.user)\.(check_access|check_perm|check_permission|require_perm|assert_can)\w*\(|"
    # the request found among the wrapper's arguments: args[0].user.is_authenticated, self.request.user
    r"\b(args\[\s*\d\s*\]|request|req|self\.request|view\.request)\.user\.(is_authenticated|is_anonymous|is_staff|is_superuser)|"
    # the function form a compatibility helper offers (`if not is_authenticated(request.user): ... redirect`)
    r"\b(is_authenticated|isAuthenticated)\(\s*(request|req|self\.request)\.user\s*\)|"
    # the session's user looked up, with a redirect or an error when it is missing
    r"\bsession(\.get\(\s*|\[\s*)[\"'](user|user_id|username|uid|logged_in|email|account_id)[\"'][\s\S]{0,200}?\b(redirect|abort|raise|401|403)\b|"
    r"[\"'](user|user_id|username|uid|logged_in)[\"']\s+not\s+in\s+session\b",
)


def auth_decorator(pf: PyFile, expr: Node, framework: str, model: AccessModel, facts: Facts) -> str:
    """The marker's name when a decorator expression protects what it decorates, else ""."""
    if expr.type == "call":
        callee = pf.dotted(expr.child_by_field_name("function"))
        args = call_args(expr)
        if last_name(callee) == "method_decorator":  # Django: @method_decorator(login_required, name=...)
            pos = positional(args)
            for item in _flatten(pos[0]) if pos else []:
                name = pf.dotted(item)
                if model.is_auth_name(name, "django", facts.names("auth_functions")):
                    return name
            return ""
        if callee.endswith(".require") and "permission" in callee.lower():  # flask-principal
            return callee
        if last_name(callee) in POLICY_DECORATORS and positional(args):  # flask-allows: @allows.requires(IsAdmin)
            return f"{callee}({pf.text(positional(args)[0])[:40]})"
        name = callee
    else:
        name = pf.dotted(expr)
    if not name:
        return ""
    if model.is_auth_name(name, framework, facts.names("auth_functions")):
        return name
    return ""


def public_decorator(pf: PyFile, expr: Node, framework: str, model: AccessModel) -> str:
    name = pf.dotted(expr.child_by_field_name("function")) if expr.type == "call" else pf.dotted(expr)
    return name if name and model.is_public_name(name, framework) else ""


def _flatten(node: Node) -> list[Node]:
    if node.type in ("list", "tuple"):
        return list(node.named_children)
    return [node]


def body_check(pf: PyFile, fn: Node, frameworks: tuple[str, ...], model: AccessModel, facts: Facts,
               helpers: bool = True) -> str:
    """A description of an auth check inside the function body, else "". With `helpers`, a call to
    a project helper that checks the caller and stops the request counts (not for hooks: a hook that
    only identifies the user through such a helper lets anonymous requests through)."""
    body = fn.child_by_field_name("body")
    if body is None:
        return ""
    text = code_text(pf.doc, body)
    for name in frameworks:
        fw = model.frameworks.get(name)
        if fw is not None:
            for rx in fw.checks:
                m = rx.search(text)
                if m:
                    return f"an in-handler check ({m.group(0).strip()[:40]})"
    project_auth = facts.names("auth_functions")
    guard_helpers = facts.names("guard_helpers") if helpers else frozenset()
    for call in walk(body, {"call"}, skip=frozenset({"function_definition", "lambda"})):
        callee = pf.dotted(call.child_by_field_name("function"))
        if not callee:
            continue
        if callee in project_auth or last_name(callee) in project_auth:
            return f"a call to {callee}()"
        if guard_helpers and (("." + last_name(callee)) in guard_helpers if "." in callee and
                              callee.split(".")[0] not in _FOREIGN_RECEIVERS else last_name(callee) in guard_helpers):
            return f"a call to {callee}(), which checks the caller"
        authz = model.common.get("authorization-calls") or ()
        if (model.is_auth_name(callee, frameworks[0]) or last_name(callee) in authz) and _is_guard_call(call, body):
            return f"a call to {callee}()"
        if _acl_check(pf, call, callee):
            return f"a call to {callee}(), which refuses the caller"
    return ""


# an access check on the request's user or ACL whose result is discarded: it raises when it fails
# (misago's `allow_browse_users_list(request.user_acl)`)
_ACL_CHECK_NAME = re.compile(r"^(allow|check|ensure|require|assert)_\w+$")
_ACL_ARG = re.compile(r"^(self\.)?(request\.)?(user_acl|acl|user)$|^(self\.)?request\.user\.acl$")


def _acl_check(pf: PyFile, call: Node, callee: str) -> bool:
    if not _ACL_CHECK_NAME.match(last_name(callee)) or callee.split(".")[0] in _FOREIGN_RECEIVERS:
        return False
    parent = call.parent
    if parent is None or parent.type != "expression_statement":
        return False
    pos = positional(call_args(call))
    return bool(pos) and bool(_ACL_ARG.match(pf.text(pos[0])))


def _is_guard_call(call: Node, body: Node | None = None) -> bool:
    """A call used as a statement or in an if-condition (a guard), not a value read; or one whose
    result is kept and answered when set (`response = require_fresh_login(...)`, then
    `if response: return response`)."""
    parent = call.parent
    while parent is not None and parent.type in ("not_operator", "parenthesized_expression", "await"):
        parent = parent.parent
    if parent is not None and parent.type == "assignment" and body is not None:
        target = parent.child_by_field_name("left")
        if target is not None and target.type == "identifier":
            name = re.escape(target.text.decode("utf-8", "replace"))
            after = body.text[parent.end_byte - body.start_byte:].decode("utf-8", "replace")
            return bool(re.search(rf"^\s*if\s+({name}|{name}\s+is\s+not\s+None)\s*:\s*\n?\s*return\s+{name}\b",
                                  after, re.MULTILINE))
    return parent is not None and parent.type in ("expression_statement", "if_statement", "assert_statement",
                                                  "boolean_operator")


def auth_functions(pf: PyFile, model: AccessModel) -> list[str]:
    """Functions in this file that are decorators (or guards) checking the caller."""
    return _checking_functions(pf, model, helpers=False)


def guard_helpers(pf: PyFile, model: AccessModel) -> list[str]:
    """Plain functions in this file that check the caller and stop the request when the check fails,
    and the top-level functions of the file that call one of them first thing (`parse_path_units()`
    that begins with `obj = parse_path(request, path)`)."""
    out = _checking_functions(pf, model, helpers=True)
    plain = {n for n in out if not n.startswith(".")}
    grew = bool(plain)
    while grew:
        grew = False
        for d in pf.functions():
            if d.name_node is None or not pf.is_top_level(d) or pf.text(d.name_node) in plain:
                continue
            body = d.node.child_by_field_name("body")
            if body is not None and _calls_first(pf, body, plain):
                plain.add(pf.text(d.name_node))
                out.append(pf.text(d.name_node))
                grew = True
    return out


def _calls_first(pf: PyFile, body: Node, helpers: set[str]) -> bool:
    """The body's first statement that is not a docstring calls one of the helpers (as a statement
    or assigning its result): the helper's check runs before anything else."""
    for stmt in body.named_children:
        if stmt.type == "comment" or stmt.type == "expression_statement" and stmt.named_children \
                and stmt.named_children[0].type == "string":
            continue
        node = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if node is not None and node.type == "assignment":
            node = node.child_by_field_name("right")
        if node is not None and node.type == "await" and node.named_children:
            node = node.named_children[0]
        return node is not None and node.type == "call" and \
            last_name(pf.dotted(node.child_by_field_name("function"))) in helpers
    return False


def _checking_functions(pf: PyFile, model: AccessModel, helpers: bool) -> list[str]:
    out: list[str] = []
    for d in pf.functions():
        name_node = d.name_node
        if name_node is None:
            continue
        name = pf.text(name_node)
        body = d.node.child_by_field_name("body")
        if body is None:
            continue
        if not pf.is_top_level(d) and pf.enclosing_class(d) is None:
            continue  # the inner wrapper of a decorator
        text = code_text(pf.doc, body)
        decorator = "wraps(" in text or _returns_inner_function(text)
        # the shape first (cheap), the checks only where the shape fits: a decorator when looking
        # for decorators, a plain function that can stop the request when looking for helpers
        if decorator != (not helpers) or (helpers and not _guard_helper(pf, d, text)):
            continue
        if not (_DECORATOR_AUTH.search(text) or any(
                fw.has_check(text) for key, fw in model.frameworks.items() if key in PY_FRAMEWORKS)):
            continue
        if decorator and not helpers:
            out.append(name)  # a decorator that checks the caller
        elif helpers and not decorator:
            # a helper the handler calls that checks the caller and stops the request; a method
            # (".name") counts only when called on self, and never a request handler's own name
            if pf.enclosing_class(d) is None:
                out.append(name)
            elif name not in _HANDLER_NAMES and not name.startswith("__"):
                out.append("." + name)
    return out


# a helper stops the request: it raises, aborts, redirects or answers 401/403
_STOPS = re.compile(r"\b(raise\s+\w|abort\(|redirect\(|redirect_to_login\(|HttpResponseForbidden\()|"
                    r"\breturn\b[^\n]*\b(401|403)\b")
_HANDLER_NAMES = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "dispatch", "list", "retrieve",
                            "create", "update", "partial_update", "destroy", "get_queryset", "get_object",
                            "form_valid", "get_context_data"})
# receivers whose methods are never the project's own helpers
_FOREIGN_RECEIVERS = frozenset({"request", "req", "g", "session", "db", "os", "json", "re", "response", "form",
                                "args", "kwargs", "data", "cache", "settings", "config", "logger", "log"})
_ROUTE_DECORATOR = re.compile(r"\.(route|get|post|put|patch|delete|api_route|websocket)\(")


def _guard_helper(pf: PyFile, d: Definition, text: str) -> bool:
    """A plain function (not a view) whose body checks the caller and can stop the request:
    `def ensure_can_edit(obj): if not current_user.is_admin: abort(403)`, a service-layer
    `check_access(action, context)` that raises NotAuthorized."""
    if any(_ROUTE_DECORATOR.search(pf.text(e)) for e in d.decorators):
        return False
    return bool(_STOPS.search(text))


