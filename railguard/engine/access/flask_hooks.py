"""Flask request hooks that refuse a caller without a claim, and the routes they leave open.

A blueprint's (or app's) `before_request`, `before_app_request` or `url_value_preprocessor`
function guards its routes when it refuses the request (raises, aborts with 401/403, redirects)
in a branch decided by what the session or the signed-in user holds:

    @main.url_value_preprocessor
    def pull_project(endpoint, values):
        if endpoint == "authenticate":
            return
        project_id = values.pop("project_id", None)
        if project_id:
            if project_id in session.get("projects", {}) or has_claim(session, "is_admin"):
                g.project = Project.query.get(project_id)
            else:
                raise Redirect303(url_for(".authenticate", project_id=project_id))

What such a hook lets through stays open:

- the endpoints it compares `endpoint` (or `request.endpoint`) with: `@name` entries;
- a `url_value_preprocessor` that works on one URL value (`values.pop("project_id")`) guards only
  the routes whose rule carries that value: a `?project_id` entry.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from railguard.engine.access.model import path_segments
from railguard.engine.access.tree import walk

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.access.python import PyFile

HOOK_METHODS = ("before_request", "before_app_request", "url_value_preprocessor", "app_url_value_preprocessor")
APP_WIDE = ("before_app_request", "app_url_value_preprocessor")

# the session (not SQLAlchemy's `db.session`) or the signed-in user decides the branch
_CLAIM = re.compile(r"(?<![\w.])session\b|\b(current_user|g\.user|g\.current_user|flask_login\.current_user)\b|"
                    r"\bhas_(claim|role|permission)\(")
# the branch refuses the request
_REFUSE = re.compile(r"\braise\s+\w|\babort\(\s*(401|403|HTTPStatus\.(UNAUTHORIZED|FORBIDDEN))|\bredirect\(|"
                     r"\breturn\b[^\n]*\b(401|403)\b")
_ENDPOINT = re.compile(r"\b(?:request\.)?endpoint\s*(?:==|!=|\bnot\s+in\b|\bin\b)\s*([^\n:]+)")
_LITERAL = re.compile(r"[\"']([\w.]+)[\"']")
_VALUE_KEY = re.compile(r"\bvalues\s*(?:\.(?:pop|get)\(\s*|\[\s*)[\"'](\w+)[\"']")


def refuses_without_claim(pf: PyFile, fn: Node) -> bool:
    """An `if` on the session or the user whose branch (or else branch) refuses the request."""
    body = fn.child_by_field_name("body")
    if body is None:
        return False
    for stmt in walk(body, {"if_statement"}, doc=pf.doc):
        cond = stmt.child_by_field_name("condition")
        if cond is None or not _CLAIM.search(pf.text(cond)):
            continue
        branches = [stmt.child_by_field_name("consequence")] + [
            c for c in stmt.named_children if c.type in ("else_clause", "elif_clause")]
        if any(b is not None and _REFUSE.search(pf.text(b)) for b in branches):
            return True
    return False


def scope(pf: PyFile, fn: Node, method: str) -> list[str]:
    """What the hook lets through: `@endpoint` names, `?value` when it works on one URL value only."""
    body = fn.child_by_field_name("body")
    if body is None:
        return []
    text = pf.text(body)
    out = []
    for m in _ENDPOINT.finditer(text):
        out += ["@" + lit.rsplit(".", 1)[-1] for lit in _LITERAL.findall(m.group(1))]
    if method.endswith("url_value_preprocessor"):
        out += sorted({"?" + k for k in _VALUE_KEY.findall(text)})
    return out


def lets_through(path: str, handler: str, exempt: list[str]) -> bool:
    """Does a hook with these entries leave this route open?"""
    if handler and "@" + handler.split(".")[0] in exempt:
        return True
    needed = {e[1:] for e in exempt if e.startswith("?")}
    if not needed:
        return False
    params = set()
    for seg in path_segments(path):
        m = re.match(r"^<(?:\w+:)?(\w+)>$", seg)
        if m:
            params.add(m.group(1))
    return not params & needed
