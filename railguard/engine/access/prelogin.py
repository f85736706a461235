"""Pages that serve someone who is not signed in yet, recognised by what the route does
(frameworks.yaml `common`):

- a password reminder, a resend of the account confirmation, the rules a registration form shows
  (`pre-login-words`, on the route's path and handler name);
- a step of a sign-in or a reset that comes before the session exists: the second factor after the
  password, the confirmation of a reset code (`pre-login-steps`), unless a path parameter comes
  before the step (`/users/<id>/reset/confirm` acts on someone named);
- the setup of a second factor as a step of the sign-in (`pre-login-setup`: /auth/otp-setup), when the
  handler reads the pending sign-in kept in the request's session (`g.auth`, `session["pending_..."]`);
- a sign-in form: the handler checks the credentials it is given and grants a session or claim
  (`credential-checks` then `sign-in-grants`), and changes no password;
- an OAuth2 endpoint the authorization server answers (token, revocation, introspection): the client
  authenticates in the handler (`oauth-server-calls`);
- a GET of the application's own settings record, which the sign-in page reads (`public-settings-read`),
  when the handler names no secret and reads no environment;
- a display preference kept in the caller's own session or cookie (`session-preference`).

None of these counts when the handler works on the signed-in user: then it is a page for members.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from railguard.engine.access.model import path_has_params

if TYPE_CHECKING:
    from railguard.engine.access.model import AccessModel, Route

_MEMBER = re.compile(r"\b(current_user|request\.user|g\.user|req\.user|get_current_user|get_jwt_identity)\b")
_PASSWORD_CHANGE = re.compile(r"\bset_password\(|\.password\s*=(?!=)|\bupdate_session_auth_hash\(")
_SECRET = re.compile(r"(?i)os\.environ|getenv\(|\b(current_app|app)\.config\b|secret|private_key|api_key")
# the request's session state: a project object on `g` (not the signed-in user) or the session itself
_PENDING_STATE = re.compile(r"\bg\.(?!user\b|current_user\b)[a-z_]\w*\b(?!\s*=[^=])|\bg\.get\(|\bsession(\.get\(|\[)")
_DOCSTRING = re.compile(r'^\s*("""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\')\s*')


@lru_cache(maxsize=4)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def reason(route: Route, body: str, model: AccessModel) -> str:
    """Why an unguarded route serves visitors before they sign in, or ""."""
    common = model.common
    code = _DOCSTRING.sub("", body, count=1)
    if _MEMBER.search(code):
        return ""
    reads = not route.methods or all(m in ("GET", "HEAD", "OPTIONS") for m in route.methods)
    if _rx(common.get("pre-login-words", "$^")).search(f"{route.path} {route.handler}"):
        return "a page for visitors who are not signed in (a password reminder, a confirmation resend)"
    if _pre_login_step(route, _rx(common.get("pre-login-steps", "$^"))):
        return "a step before the session exists (a second factor, a reset code's confirmation)"
    setup = _rx(common.get("pre-login-setup", "$^")).search(route.path)
    if setup and not path_has_params(route.path[: setup.start()]) and _PENDING_STATE.search(code):
        return "a step of the sign-in: the setup of a second factor for the pending login"
    if _rx(common.get("credential-checks", "$^")).search(code) and _rx(common.get("sign-in-grants", "$^")).search(
            code) and not _PASSWORD_CHANGE.search(code):
        return "a sign-in form: it checks the credentials it is given"
    if _rx(common.get("oauth-server-calls", "$^")).search(code) and not re.search(r"(?i)authori[sz]", route.path):
        return "an OAuth2 endpoint: the authorization server authenticates the client"
    if reads and _rx(common.get("public-settings-read", "$^")).search(code) and not _SECRET.search(code):
        return "the application's public settings (what the sign-in page needs)"
    if _rx(common.get("session-preference", "$^")).search(code):
        return "a display preference kept in the caller's own session"
    return ""


def _pre_login_step(route: Route, step: re.Pattern[str]) -> bool:
    """The route's path (no parameter before the step) or, on a path without parameters, its handler
    name is a pre-login step."""
    m = step.search(route.path)
    if m:
        return not path_has_params(route.path[: m.start()])
    return bool(step.search(route.handler)) and not path_has_params(route.path)
