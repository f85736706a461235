"""The access analyzer's shared vocabulary: the framework models (data from
frameworks.yaml plus the project's configuration) and the routes they find.

A framework module turns a Document into `Route`s, each with its decision:
protected (and by what), public (and why), or neither. The analyzer reports the
routes that are neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.engine.lazyre import LazyPattern
from railguard.model import RailguardError
from railguard.rules.loader import load_data_file

if TYPE_CHECKING:
    from railguard.config import Config

FRAMEWORKS_FILE = Path(__file__).resolve().parent / "frameworks.yaml"

_PARAM_SEGMENT = re.compile(r"^(<[^>]*>|\{[^}]*\}|:\w+\??|\(\?P<\w+>[^)]*\)|\[[^\]]*\]|\*+)$")


@dataclass
class Route:
    """One endpoint and what was decided about it."""

    framework: str  # flask, fastapi, django, drf, express, spring
    methods: tuple[str, ...]
    path: str  # as written, with known prefixes; "" when unknown
    handler: str
    start: int  # byte range reported
    end: int
    anchor_line: int  # 0-based first line of the route's definition (decorators included)
    protected: bool = False
    public: bool = False
    reason: str = ""
    # the decision depends on facts from other files that this scan did not have
    needs_project: bool = False
    app_level: bool = False  # on the application itself (not a blueprint/router)
    # IDOR: byte ranges of object lookups by a request id without an owner check
    lookups: list[tuple[int, int, str]] = field(default_factory=list)
    admin_only: bool = False
    clear_lookup: bool = False  # the IDOR flow is clear (a path id, the record used): high confidence
    lookup_unowned: bool = False  # the record looked up has no owner field (records.py): low confidence
    # BFLA: a sibling route of the same router/blueprint/controller that checks a role this one lacks
    role_sibling: Route | None = None
    # unguarded, but the guard may live where the analyzer cannot see (no guarded sibling, an opaque
    # handler): reported at low confidence (the editor shows it; commit and CI do not)
    low_confidence: bool = False
    # a guard outside the handler (a middleware) that checks the caller's permissions on the objects
    # the URL names: object-level and role checks happen there
    permission_guard: str = ""
    # a class-based view that no URLconf of the project routes by name (a viewset or a registry
    # mounts it): where it is served, and what guards it there, is out of sight
    unrouted: bool = False

    @property
    def unprotected(self) -> bool:
        return not self.protected and not self.public

    def describe(self) -> str:
        method = "/".join(self.methods) if self.methods else "ANY"
        return f"{method} {self.path or self.handler}"


def _names(values: Any) -> frozenset[str]:
    return frozenset(str(v) for v in (values or []))


def _regex(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


@dataclass(frozen=True)
class FrameworkModel:
    """One framework's section of frameworks.yaml, with the project's additions."""

    name: str
    data: dict[str, Any]
    auth_names: frozenset[str]
    public_names: frozenset[str]
    checks: tuple[LazyPattern, ...]

    def names(self, key: str) -> frozenset[str]:
        return _names(self.data.get(key))

    def value(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def has_check(self, text: str) -> bool:
        if any(p.search(text) for p in self.checks):
            # a refusal that only a deployment switch decides checks nobody
            return not SWITCHED_REFUSAL.search(text) or any(p.search(SWITCHED_REFUSAL.sub("", text)) for p in self.checks)
        return False


# a refusal that a deployment switch decides (`if os.environ.get(AIM_READ_ONLY_UI): raise
# HTTPException(status_code=403)`): the whole app is read-only, whoever calls
SWITCHED_REFUSAL = re.compile(
    r"\bif\s[^\n]{0,160}\b(?:os\.environ|getenv|environ\.get|settings\.|config\.)[^\n]{0,160}:[ \t]*\r?\n[ \t]*"
    r"(?:raise|abort|return)\b[^\n]{0,160}\b40[13]\b[^\n]{0,80}")


@dataclass(frozen=True)
class AccessModel:
    common: dict[str, Any]
    frameworks: dict[str, FrameworkModel]
    auth_word: re.Pattern[str]
    enforce_word: re.Pattern[str]
    not_auth: re.Pattern[str]
    auth_pattern: re.Pattern[str]
    public_handler: re.Pattern[str]
    root_handler: re.Pattern[str]
    public_paths: tuple[str, ...]
    public_read_paths: tuple[str, ...]
    root_paths: frozenset[str]
    public_prefixes: tuple[str, ...]
    public_globs: tuple[re.Pattern[str], ...]
    sensitive: frozenset[str]
    state_changing: frozenset[str]
    extra_auth: frozenset[str]
    extra_public: frozenset[str]

    def fw(self, name: str) -> FrameworkModel:
        return self.frameworks[name]

    # ------------------------------------------------------------ names

    def is_auth_name(self, dotted: str, framework: str, project_names: frozenset[str] | set[str] = frozenset()) -> bool:
        """Is a decorator/middleware/dependency named `dotted` an auth marker?"""
        if not dotted:
            return False
        last = dotted.rsplit(".", 1)[-1]
        fw = self.frameworks.get(framework)
        listed = (fw.auth_names if fw else frozenset()) | self.extra_auth
        if dotted in listed or last in listed or dotted in project_names or last in project_names:
            return True
        if self.is_public_name(dotted, framework):
            return False
        if self.not_auth.search(dotted):
            return False
        if self.auth_pattern.search(last):
            return True
        return bool(self.auth_word.search(dotted) and self.enforce_word.search(dotted))

    def is_public_name(self, dotted: str, framework: str) -> bool:
        last = dotted.rsplit(".", 1)[-1]
        fw = self.frameworks.get(framework)
        listed = (fw.public_names if fw else frozenset()) | self.extra_public
        return dotted in listed or last in listed

    # ------------------------------------------------------------ paths

    def public_reason(self, route: Route) -> str:
        """Why a route is public by design, or ""."""
        path = normalize_path(route.path)
        for rx in self.public_globs:
            if rx.match(path) or rx.match(route.path):
                return "a configured public path"
        if route.app_level and path in self.root_paths:
            return "the site's root page"
        for prefix in self.public_prefixes:
            if path.startswith(prefix.rstrip("/") + "/") or path == prefix.rstrip("/"):
                return f"under {prefix}"
        if path and _ends_with_public(path, self.public_paths):
            return "an authentication flow"
        reads = not route.methods or all(m in ("GET", "HEAD", "OPTIONS") for m in route.methods)
        if reads and path and _ends_with_public(path, self.public_read_paths):
            return "a health/status/docs endpoint"
        handler = snake_case(route.handler.split(".")[0] if route.framework in ("django", "drf") else
                             route.handler.rsplit(".", 1)[-1])
        if handler and self.public_handler.match(handler) and (
                not path_has_params(route.path)
                # a provider's delivery to the webhook it names (`POST /{webhook_type}/{webhook_id}/events`)
                or route.methods == ("POST",) and re.search(r"(^|_)(webhook|ipn)(_|$)", handler)):
            return "a login/registration/health handler"
        if handler and route.app_level and self.root_handler.match(handler) and path in ("", "/"):
            return "the site's root page"
        return ""

    def settle_unguarded(self, route: Route, has_project: bool) -> bool:
        """A route with no guard found: public by design (True), or unprotected, with a note
        that cross-file facts were missing when the scan had no project index."""
        reason = self.public_reason(route)
        if reason:
            route.public, route.reason = True, reason
            return True
        route.needs_project = not has_project
        return False

    def is_sensitive(self, route: Route) -> bool:
        words = set(_words(route.path)) | set(_words(route.handler))
        return bool(words & self.sensitive)

    def changes_state(self, route: Route) -> bool:
        return any(m in self.state_changing for m in route.methods)


def snake_case(name: str) -> str:
    """'UserLoginAPIView' -> 'user_login_api_view'."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.lower()


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|_", text) if w]


def normalize_path(path: str) -> str:
    """Lower-case, regex anchors dropped, one leading slash, no trailing slash."""
    p = path.strip().strip("^$").replace("\\", "")
    if p.endswith("$"):
        p = p[:-1]
    p = p.lower()
    if not p.startswith("/"):
        p = "/" + p
    if len(p) > 1:
        p = p.rstrip("/")
    return p or "/"


def path_segments(path: str) -> list[str]:
    return [s for s in normalize_path(path).split("/") if s]


def path_has_params(path: str) -> bool:
    return any(_PARAM_SEGMENT.match(s) or "<" in s or "{" in s or s.startswith(":") for s in path_segments(path))


def _is_param(segment: str) -> bool:
    return bool(_PARAM_SEGMENT.match(segment)) or "<" in segment or "{" in segment or segment.startswith(":")


def _same_segment(segment: str, wanted: str) -> bool:
    """A path segment matches a public-path entry's segment; `{...}` in the entry stands for any
    parameter (/oauth/{provider}/login)."""
    return segment == wanted or (wanted.startswith("{") and _is_param(segment))


def _ends_with_public(path: str, entries: tuple[str, ...]) -> bool:
    segs = path_segments(path)
    for entry in entries:
        want = [s for s in entry.lower().split("/") if s]
        if not want:
            continue
        # parameters after the public part are fine (/password-recovery/{email}),
        # parameters before it are not (/users/{id}/reset-password), but for the provider of an
        # OAuth/SSO sign-in (/oauth2/providers/{provider}/access-token)
        for i in range(len(segs) - len(want) + 1):
            if all(_same_segment(s, w) for s, w in zip(segs[i : i + len(want)], want, strict=True)):
                before = segs[:i]
                after = segs[i + len(want) :]
                if any((_PARAM_SEGMENT.match(s) or "<" in s or "{" in s or s.startswith(":"))
                       and not _sign_in_provider(before, k) for k, s in enumerate(before)):
                    break
                if all(_PARAM_SEGMENT.match(s) or "<" in s or "{" in s or s.startswith(":") for s in after):
                    return True
    return False


# the identity provider of an OAuth/SSO sign-in named in its path (/oauth2/providers/{provider}/access-token):
# a choice among the configured providers, not a record
_PROVIDER_PARAM = re.compile(r"^[<{:]?(?:\w+:)?(provider|provider_name|provider_id|backend|idp|idp_name|oauth_provider|"
                             r"sso_provider)[}>]?$")
_SIGN_IN_SEGMENT = re.compile(r"^(oauth2?|sso|openid|oidc|saml|social)$")


def _sign_in_provider(segments: list[str], k: int) -> bool:
    """segments[k] is the provider parameter of a path under an OAuth/SSO segment."""
    return bool(_PROVIDER_PARAM.match(segments[k]) and any(_SIGN_IN_SEGMENT.match(s) for s in segments[:k]))


def _glob_to_regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            continue
        if c == "*":
            out += "[^/]*"
        elif c == "?":
            out += "[^/]"
        else:
            out += re.escape(c)
        i += 1
    return re.compile(out.rstrip("/") + "/?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _framework_data() -> dict[str, Any]:
    try:
        data = load_data_file(FRAMEWORKS_FILE)
    except (OSError, ValueError) as exc:
        raise RailguardError(f"{FRAMEWORKS_FILE.name}: cannot load the access framework models: {exc}") from None
    if not isinstance(data, dict) or "common" not in data:
        raise RailguardError(f"{FRAMEWORKS_FILE.name}: must be a mapping with a 'common' section")
    return data


def _framework(name: str, data: dict[str, Any]) -> FrameworkModel:
    auth: set[str] = set()
    for key in ("auth-decorators", "auth-dependencies", "auth-middleware", "auth-mixins", "auth-annotations"):
        auth |= _names(data.get(key))
    public: set[str] = set()
    for key in ("public-decorators", "public-middleware", "public-annotations", "public-permissions"):
        public |= _names(data.get(key))
    # code is case-sensitive, and case-insensitive matching is several times slower on large files
    # bundled and tested: compiled when a handler of this framework is first checked
    checks = tuple(LazyPattern(p, 0, f"{FRAMEWORKS_FILE.name}: {name}: in-handler-checks")
                   for p in data.get("in-handler-checks") or [])
    return FrameworkModel(name, data, frozenset(auth), frozenset(public), checks)


def build_model(auth_markers: tuple[str, ...] = (), public_markers: tuple[str, ...] = (),
                public_paths: tuple[str, ...] = ()) -> AccessModel:
    data = _framework_data()
    common = data["common"]
    frameworks = {name: _framework(name, section) for name, section in data.items() if name != "common"}
    return AccessModel(
        common=common,
        frameworks=frameworks,
        auth_word=_regex(common["auth-word"]),
        enforce_word=_regex(common["enforce-word"]),
        not_auth=_regex(common["not-auth-names"]),
        auth_pattern=_regex(common.get("auth-name-pattern", "$^")),
        public_handler=_regex(common["public-handler-names"]),
        root_handler=_regex(common["root-handler-names"]),
        public_paths=tuple(common.get("public-paths") or ()),
        public_read_paths=tuple(common.get("public-read-paths") or ()),
        root_paths=frozenset(common.get("root-paths") or ()),
        public_prefixes=tuple(common.get("public-prefixes") or ()),
        public_globs=tuple(_glob_to_regex(p if p.startswith("/") else "/" + p) for p in public_paths),
        sensitive=frozenset(w.lower() for w in common.get("sensitive-words") or ()),
        state_changing=frozenset(common.get("state-changing-methods") or ()),
        extra_auth=frozenset(auth_markers),
        extra_public=frozenset(public_markers),
    )


def model_for(config: Config) -> AccessModel:
    section = config.section("access")
    return _cached_model(tuple(section["auth-markers"]), tuple(section["public-markers"]),
                         tuple(section["public-paths"]))


@lru_cache(maxsize=8)
def _cached_model(auth: tuple[str, ...], public: tuple[str, ...], paths: tuple[str, ...]) -> AccessModel:
    return build_model(auth, public, paths)
