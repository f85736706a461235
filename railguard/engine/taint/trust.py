"""Trust of a source by where it is read: handlers that only an administrator reaches.

An administrator is the application's operator: the URLs of backends, the code of plugins
and the folders they configure in admin-only handlers are the feature, not an attack. The
analyzer reports flows from such handlers into the sink kinds the model names at `low`
confidence (the editor shows them; commit and CI do not). The guard must be visible in the
handler: a decorator or a dependency whose name says it requires the admin role
(`Depends(get_admin_user)`, `@staff_member_required`, `@user_passes_test(lambda u:
u.is_superuser)`), or a role check with an early exit at the top of its body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern
from railguard.engine.taint.syntax import node_text

if TYPE_CHECKING:
    from tree_sitter import Node

_STRING = LazyPattern(r"""(?s)[rbfuRBFU]*("{3}.*?"{3}|'{3}.*?'{3}|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')""")
_DEPENDENCY = LazyPattern(r"\b(?:Depends|Security)\s*\(\s*(?:dependency\s*=\s*)?([\w.]+)")
_EXITS = ("raise_statement", "return_statement")


@dataclass(frozen=True)
class AdminGuards:
    """What marks a handler as admin-only (from the taint model's `admin-guards`)."""

    names: LazyPattern  # a dependency or decorator whose name requires the admin role
    role_checks: LazyPattern  # a condition that is true for a caller without the admin role
    lowered: frozenset[str]  # sink kinds whose findings from such handlers drop to low
    # a decorator that requires a privileged permission object (`@Permissions.ADMIN.require(403)`)
    permissions: LazyPattern | None = None
    # a decorator that requires the role named in its arguments (`@requires_role("admin")`)
    role_decorators: LazyPattern | None = None


def admin_only(node: Node, guards: AdminGuards, sink: int = -1) -> bool:
    """True when `node` (a source) lies in a function, or a function enclosing it, that only
    admins reach; a role check counts when it comes before `sink` (a byte offset in the same
    function), or before the source when the sink lies elsewhere."""
    cur: Node | None = node
    outermost: Node | None = None
    while cur is not None:
        at = sink if cur.start_byte <= sink < cur.end_byte else node.start_byte
        if cur.type == "function_definition":
            if _guarded(cur, at, guards):
                return True
            outermost = cur
        cur = cur.parent
    return outermost is not None and _only_admins_call(outermost, guards, depth=2)


def _only_admins_call(fn: Node, guards: AdminGuards, depth: int) -> bool:
    """A helper of this file that reads the request itself (`pathchooser()` behind an admin
    route): admin-only when it is no route and every function of the file that calls it is."""
    parent = fn.parent
    if depth <= 0 or parent is not None and parent.type == "decorated_definition":
        return False  # a decorated function may be a route of its own
    name = node_text(fn.child_by_field_name("name"))
    if not name:
        return False
    root = fn
    while root.parent is not None:
        root = root.parent
    callers: list[tuple[Node, int]] = []
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == "call":
            f = n.child_by_field_name("function")
            text = node_text(f) if f is not None else ""
            if text == name or text == "self." + name:
                caller = _enclosing_function(n)
                if caller is None or caller is fn:
                    return False  # called at module level, or only from itself
                callers.append((caller, n.start_byte))
        stack.extend(n.named_children)
    return bool(callers) and all(
        _guarded(c, at, guards) or _only_admins_call(c, guards, depth - 1) for c, at in callers)


def _enclosing_function(node: Node) -> Node | None:
    cur = node.parent
    while cur is not None and cur.type != "function_definition":
        cur = cur.parent
    return cur


def _guarded(fn: Node, at: int, guards: AdminGuards) -> bool:
    parent = fn.parent
    if parent is not None and parent.type == "decorated_definition":
        for dec in parent.named_children:
            if dec.type == "decorator" and _names_admin(node_text(dec), guards, decorator=True):
                return True
    params = fn.child_by_field_name("parameters")
    if params is not None and _names_admin(node_text(params), guards, decorator=False):
        return True
    body = fn.child_by_field_name("body")
    if body is None:
        return False
    for stmt in body.named_children:
        if stmt.start_byte >= at:
            break
        if stmt.type == "if_statement" and _early_exit_on_role(stmt, guards):
            return True
    return False


def _names_admin(text: str, guards: AdminGuards, *, decorator: bool) -> bool:
    """A dependency (`Depends(get_admin_user)`) or, for a decorator, the decorator's own name
    or arguments outside string literals (a route path such as "/admin/x" is no guard)."""
    code = _STRING.sub('""', text)
    if decorator and _privileged_decorator(text, code, guards):
        return True
    if any(guards.names.search(dep) for dep in _DEPENDENCY.findall(code)):
        return True
    if not decorator:
        return False
    head = code.lstrip("@").split("(", 1)
    called = head[0].rsplit(".", 1)[-1]
    if guards.names.search(called):
        return True  # @admin_required, @staff_member_required, @superuser_required
    if len(head) > 1 and called in ("user_passes_test", "permission_required", "requires"):
        return guards.names.search(head[1]) is not None  # user_passes_test(lambda u: u.is_superuser)
    return False


def _privileged_decorator(text: str, code: str, guards: AdminGuards) -> bool:
    """`@Permissions.ADMIN.require(403)`, `@admin_permission.require()`: a permission object of
    the privileged kind; `@requires_role("admin")`: a role named in the arguments."""
    called = code.lstrip("@").split("(", 1)[0].strip()
    if guards.permissions is not None and guards.permissions.search(called):
        return True
    if guards.role_decorators is None or not guards.role_decorators.search(called.rsplit(".", 1)[-1]):
        return False
    args = text.lstrip("@").split("(", 1)
    return len(args) > 1 and guards.names.search(args[1]) is not None


def _early_exit_on_role(stmt: Node, guards: AdminGuards) -> bool:
    cond = stmt.child_by_field_name("condition")
    if cond is None or not guards.role_checks.search(node_text(cond)):
        return False
    block = stmt.child_by_field_name("consequence")
    if block is None:
        return False
    for s in block.named_children:
        if s.type in _EXITS:
            return True
        if s.type == "expression_statement" and s.named_children and s.named_children[0].type == "call":
            name = node_text(s.named_children[0].child_by_field_name("function"))
            if name.rsplit(".", 1)[-1] in ("abort", "deny", "forbidden"):
                return True
    return False
