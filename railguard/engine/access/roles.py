"""Function-level access (BFLA): role evidence in a handler or its decorators, and routes that
lack the role check their siblings make (`access.missing-role-check`)."""

from __future__ import annotations

import re
from typing import Any

_ROLE_IN_BODY = re.compile(
    r"(?i)\b(is_?admin|is_?superuser|is_?staff|is_?moderator|has_?role|hasRole|hasAuthority|has_?perm\w*|"
    r"has_?permission|check_?permission|require_?role|roles?\s*(==|!=|===|!==|\bin\b|\.includes)|"
    r"\.roles?\s*(==|!=|===|!==|\bin\b|\bnot\s+in\b)|IsAdmin\w*|(?-i:\bROLE_[A-Z]\w*)|permission_required|user_passes_test|"
    # the caller asked whether it may (`request.user.can_manage_account(subject)`)
    r"(?:request\.user|current_user|g\.user|self\.request\.user)\.(?:can|may)_\w+\s*\()")
_ADMIN_WORDS = frozenset({
    "admin", "administrator", "users", "user", "roles", "role", "permissions", "permission", "logs", "log", "audit",
    "export", "exports", "config", "configuration", "settings", "backup", "backups", "restore", "impersonate",
    "purge", "bulk", "all", "ban", "unban", "moderate", "moderation", "approve", "system", "staff", "members",
    "accounts", "tenants", "organizations", "invite", "promote", "demote", "grant", "revoke", "reset", "flush",
    "maintenance", "reports", "metrics", "stats", "statistics", "dump", "import", "delete", "destroy"})


_ROLE_CALL = re.compile(r"(?i)\b(has_?role|hasRole|hasAnyRole|hasAuthority|has_?perms?|has_?permission|check_?permission|"
                        r"has_?privileges?|require_?privileges?|check_?privileges?|"
                        r"require_?role|requireRole|authorize_?roles?|permission_required|user_passes_test|"
                        r"@PreAuthorize|@Secured|@RolesAllowed|@Roles)\b")
_CONDITION_LINE = re.compile(r"^\s*(if|elif|assert|unless|return|raise|guard)\b|&&|\|\||\bnot\b|!\s*\w|==|!=", re.M)


# a class view that declares the permission its base class enforces (mayan's
# `object_permission = permission_user_edit`, `view_permission = ...`); not `permission_classes`
_DECLARED_PERMISSION = re.compile(r"^(?:\w+_)?permissions?\s*=\s*(?!None\b|False\b|\[\s*\]|\(\s*\))[\w.'\"\[(]")


def declared_permission(class_text: str) -> bool:
    """A permission attribute in the class body itself (not a local variable of a method)."""
    lines = class_text.splitlines()
    if not lines or not lines[0].lstrip().startswith("class "):
        return False
    body = [ln for ln in lines[1:] if ln.strip() and not ln.lstrip().startswith("#")]
    if not body:
        return False
    indent = min(len(ln) - len(ln.lstrip()) for ln in body)
    return any(len(ln) - len(ln.lstrip()) == indent and _DECLARED_PERMISSION.match(ln.strip()) for ln in body)


_REDIRECT_RETURN = re.compile(r"\breturn\s+(HttpResponseRedirect|redirect|RedirectResponse)\s*\(|^class\s+\w+\([^)]*\bRedirectView\b", re.M)
_DOES_MORE = re.compile(r"\.(save|delete|create|update|update_or_create|get_or_create|filter|send\w*|write|"
                        r"execute|login|logout|set_password)\s*\(|\bobjects\b|\bsetattr\s*\(|\bsession\[")
_METHOD = re.compile(r"^\s+def\s+(\w+)\s*\(", re.M)


def only_redirects(class_text: str) -> bool:
    """A class view that only sends the caller elsewhere (`RedirectView`, a get() returning a
    redirect) and reads or changes nothing: the page it points to checks its own role."""
    if not class_text.lstrip().startswith("class ") or not _REDIRECT_RETURN.search(class_text):
        return False
    methods = set(_METHOD.findall(class_text))
    if not methods or not methods <= {"get", "get_redirect_url", "head"}:
        return False
    body = "\n".join(class_text.splitlines()[1:])
    return not _DOES_MORE.search(body)


def role_evidence(body_text: str) -> bool:
    """A role or permission checked inside the handler (a condition on it, or a role-check call),
    not merely set (`user.is_admin = True`)."""
    if _ROLE_CALL.search(body_text) or declared_permission(body_text):
        return True
    lines = body_text.splitlines()
    for i, line in enumerate(lines):
        if _ROLE_IN_BODY.search(line) and _CONDITION_LINE.search(line) and not re.search(r"\.\w+\s*=[^=]", line):
            gate = " ".join(lines[i:i + 2])  # a gate stops the caller; a branch that scopes data is no role check
            if re.search(r"\b(raise|return|abort|throw|403|401|Forbidden|PermissionDenied|Unauthorized)\b", gate):
                return True
    return False


# a parameter read from the request's own cookies (FastAPI `token: Annotated[str | None, Cookie()] = None`,
# `token: str = Cookie(None)`)
_COOKIE_PARAM = re.compile(r"\b(\w+)\s*:[^)=\n]*?\bCookie\(|\b(\w+)\s*(?::[^,)=\n]*)?=\s*Cookie\(")


def restores_own_cookie(handler_text: str) -> bool:
    """The handler sets a session cookie to a value the request itself carried in a cookie (going back to
    the session kept aside, `stop impersonating`): the caller gets back only what it already holds."""
    names = {a or b for a, b in _COOKIE_PARAM.findall(handler_text)}
    return any(re.search(r"\bset_cookie\([^)]*\b" + re.escape(n) + r"\b", handler_text) for n in names if n)


# a decorator that hands the request to a check of the caller's role: `@prepolicy(check_admin_base_action,
# request, ...)`, `@admin_required`, `@requires_role("editor")` (a route registration names none of these)
_ROLE_DECORATOR = re.compile(r"(?im)^\s*@(?!\w+\.(route|get|post|put|patch|delete|api_route)\b)[^\n]*"
                             r"\b\w*(admin|role|superuser|staff|permission)\w*")


def role_decorator(decorators: str) -> bool:
    return bool(decorators and _ROLE_DECORATOR.search(decorators))


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|_", text) if w}


def admin_vocabulary(route_text: str) -> set[str]:
    return _words(route_text) & _ADMIN_WORDS


def role_gaps(routes: list[Any], role_checked: dict[int, bool]) -> list[tuple[Any, Any]]:
    """(route, sibling) for protected routes without a role in a group whose routes mostly check one,
    when the route does the same kind of operation (shared admin vocabulary) as a role-checked sibling."""
    groups: dict[str, list[Any]] = {}
    for r in routes:
        if r.protected:
            for key in _groups_of(r.path):  # the router, and the resource below it
                groups.setdefault(key, []).append(r)
    out: list[tuple[Any, Any]] = []
    seen: set[int] = set()
    for key, members in groups.items():
        for r, sibling in _gaps(members, role_checked, key.split("/")[0]):
            if id(r) not in seen:
                seen.add(id(r))
                out.append((r, sibling))
    return out


def _groups_of(path: str) -> list[str]:
    """The router a route belongs to, by its path (its first segment that is not a parameter, `api`
    or a version), and that router's resource (the next such segment)."""
    segs = [seg for seg in re.split(r"/+", path.strip("^$/").lower())
            if seg and not re.match(r"^([<{:(*]|api$|v\d+$|rest$)", seg)]
    if not segs:
        return [""]
    return [segs[0]] + ([f"{segs[0]}/{segs[1]}"] if len(segs) > 1 else [])


def _gaps(protected: list[Any], role_checked: dict[int, bool], group: str) -> list[tuple[Any, Any]]:
    checked = [r for r in protected if role_checked.get(id(r))]
    if not checked:
        return []
    if len(checked) < 2 or len(checked) < 0.6 * len(protected):
        # a mixed router: only operations that are administrative by nature
        return [(r, s) for r, s in _gaps_strong(protected, checked, role_checked, group)]
    out = []
    for r in protected:
        if role_checked.get(id(r)):
            continue
        words = admin_vocabulary(f"{r.path} {r.handler}") - {group}
        if not words:
            continue
        best = None
        for s in checked:
            shared = words & admin_vocabulary(f"{s.path} {s.handler}")
            if shared and (best is None or abs(s.anchor_line - r.anchor_line) < abs(best.anchor_line - r.anchor_line)):
                best = s
        if best is not None:
            out.append((r, best))
    return out


_ADMIN_BY_NATURE = frozenset({"role", "roles", "privilege", "privileges", "promote", "demote", "impersonate", "ban",
                              "unban", "audit", "logs", "backup", "backups", "restore", "purge", "sudo", "superuser"})


def _gaps_strong(protected: list[Any], checked: list[Any], role_checked: dict[int, bool],
                 group: str) -> list[tuple[Any, Any]]:
    out = []
    for r in protected:
        if role_checked.get(id(r)):
            continue
        if (admin_vocabulary(f"{r.path} {r.handler}") - {group}) & _ADMIN_BY_NATURE:
            best = min(checked, key=lambda s: abs(s.anchor_line - r.anchor_line))
            out.append((r, best))
    return out
