"""The access analyzer: web routes and handlers that ship without authentication or authorization.

Framework models (Flask, FastAPI, Django, DRF, Express, Spring, GraphQL) live in
railguard/engine/access/ and are configured as data in
railguard/engine/access/frameworks.yaml; the rules in railguard/rules/access/*.yaml
carry ids, docs and CWEs and select what is reported:

    analyzer: access
    check: missing-auth      # missing-auth | idor | role | csrf | graphql
    framework: flask         # for missing-auth: flask, fastapi, django, drf, express, spring

`prepare(files, config)` indexes the project once (decorators and middleware
defined in other files, guarded blueprints and routers, DRF settings, Spring
filter chains); without it a file is judged on what it shows itself, and an
unprotected route is reported with medium confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.engine.access.hints import PYTHON, SPEC_SUFFIXES, SPEC_WORD, relevant_data
from railguard.engine.analyzers.base import Analyzer
from railguard.engine.findings import make_finding
from railguard.model import Confidence, Finding, Location, Rule, Severity
from railguard.rules.loader import RuleError

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.access.model import AccessModel, Route
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document

CHECKS = ("missing-auth", "idor", "role", "csrf", "graphql")
# a read of a record's picture (`/users/{id}/profile/image`, `/avatar`): shown to other users by design
_PUBLIC_MEDIA = re.compile(r"(?i)/(?:avatar|profile[-_/]?(?:image|picture|photo)|photo|picture|thumbnail)s?/?$")
FRAMEWORK_NAMES = {"flask": "Flask", "fastapi": "FastAPI", "django": "Django", "drf": "Django REST framework",
                   "express": "Express", "spring": "Spring", "graphql": "GraphQL", "nestjs": "NestJS"}
LANGUAGES = ("python", "javascript", "typescript", "tsx", "java")


class AccessAnalyzer(Analyzer):
    name = "access"
    precedence = 5

    def __init__(self, rules: list[Rule], config: Config) -> None:
        self.config = config
        self.errors: list[RuleError] = []
        self.by_check: dict[tuple[str, str], Rule] = {}
        for rule in rules:
            check = rule.matcher.get("check")
            framework = rule.matcher.get("framework", "")
            if check not in CHECKS:
                self.errors.append(RuleError(rule.source, rule.id, "check", f"must be one of {', '.join(CHECKS)}"))
                continue
            if check == "missing-auth" and framework not in FRAMEWORK_NAMES:
                self.errors.append(RuleError(rule.source, rule.id, "framework",
                                             f"must be one of {', '.join(FRAMEWORK_NAMES)}"))
                continue
            self.by_check[(check, framework if check == "missing-auth" else "")] = rule
        self._model: AccessModel | None = None

    @property
    def model(self) -> AccessModel:
        if self._model is None:
            from railguard.engine.access.model import model_for

            self._model = model_for(self.config)
        return self._model

    def applies_to(self, document: Document) -> bool:
        return document.language in LANGUAGES and bool(self.by_check)

    def prepare(self, files: list[tuple[Path, str]], config: Config, *, surface: str = "ci",
                use_cache: bool = False, read: Callable[[Path, str], bytes | None] | None = None) -> dict[str, Any]:
        """The project index: JSON-serialisable facts shared by every file's scan. None when no
        file can hold a route (the framework models are then not even imported)."""
        if not any(_may_route(path, display, config, read) for path, display in files):
            return None
        from railguard.engine.access.core import project_facts
        from railguard.engine.access.model import model_for

        store = _facts_store(config) if use_cache and read is None and config.get("cache") else None
        return project_facts(files, model_for(config), min(config.max_file_size, 1_000_000), read, store)

    def analyze(self, document: Document, context: ScanContext) -> Iterable[Finding]:
        project = context.project.get("access") if context.project else None
        if not relevant_data(document.language, document.data) and not (
                document.language == PYTHON and project and project.get("openapi_operations")):
            return []  # what analyze_document decides first, without importing the models
        return [f for _, f in self.route_findings(document, context)]

    def route_findings(self, document: Document, context: ScanContext) -> list[tuple[Route | None, Finding]]:
        """Every finding with the route (or mutation) it is about; None for project-level ones."""
        from railguard.engine.access.core import USER_HINT, analyze_document

        project = context.project.get("access") if context.project else None
        result = analyze_document(document, self.model, project or None)
        findings: list[tuple[Route | None, Finding]] = []
        project_uses_auth = bool(project and project.get("uses_auth")) or result.uses_auth or any(
            r.protected for r in result.routes)
        has_users: bool | None = None  # the hint search reads the whole file: only when a route needs it
        for route in result.routes:
            if route.unprotected and has_users is None:
                has_users = bool(project and project.get("has_users", True)) or project_uses_auth or bool(
                    USER_HINT.search(document.data))
            if route.unprotected and has_users:
                finding = self._missing_auth(document, route, result.routes, project is not None, project_uses_auth)
                if finding is not None:
                    findings.append((route, finding))
            for start, end, what in route.lookups:
                finding = self._idor(document, route, start, end, what)
                if finding is not None:
                    findings.append((route, finding))
            if route.role_sibling is not None:
                finding = self._role(document, route, route.role_sibling)
                if finding is not None:
                    findings.append((route, finding))
        if project_uses_auth or any(m.protected for m in result.mutations):
            for m in result.mutations:
                if m.unprotected:
                    finding = self._graphql(document, m, result.mutations)
                    if finding is not None:
                        findings.append((m, finding))
        for site in result.csrf:
            rule = self.by_check.get(("csrf", ""))
            if rule is None:
                continue
            where = site.route.describe() if site.route is not None else "the Spring Security configuration"
            findings.append((site.route, make_finding(
                rule, document, site.start, site.end,
                message=_render(rule.message, {"route": where, "what": site.what}), analyzer=self.name)))
        return findings

    # ------------------------------------------------------------- findings

    def _missing_auth(self, doc: Document, route: Route, siblings: list[Route], has_project: bool,
                      uses_auth: bool) -> Finding | None:
        rule = self.by_check.get(("missing-auth", route.framework))
        if rule is None:
            return None
        model = self.model
        hint = model.fw(route.framework).value("hint", "add an authentication check")
        severity = Severity.HIGH if (model.changes_state(route) or model.is_sensitive(route)
                                     or "ANY" in route.methods or "ALL" in route.methods) else Severity.MEDIUM
        severity = min(severity, rule.severity)
        sibling = _protected_sibling(route, siblings)
        confident = has_project and not route.needs_project and (sibling is not None or uses_auth)
        confidence = Confidence.HIGH if confident else Confidence.MEDIUM
        confidence = min(confidence, max(rule.confidence, Confidence.MEDIUM))
        if route.low_confidence or _author_opted_out(doc, route.start):
            confidence = Confidence.LOW
        detail = f" ({route.reason})" if route.reason else ""
        message = _render(rule.message, {
            "framework": FRAMEWORK_NAMES[route.framework], "route": route.describe(), "handler": route.handler,
            "hint": hint, "detail": detail,
        })
        related: tuple[Location, ...] = ()
        if sibling is not None:
            related = (Location(doc.path, doc.range_of(sibling.start, sibling.end),
                                f"{sibling.describe()} is protected by {sibling.reason}"),)
        finding = make_finding(rule, doc, route.start, route.end, message=message, related=related, analyzer=self.name)
        return finding.with_changes(severity=severity, confidence=confidence)

    def _idor(self, doc: Document, route: Route, start: int, end: int, what: str) -> Finding | None:
        rule = self.by_check.get(("idor", ""))
        if rule is None:
            return None
        severity = Severity.HIGH if self.model.changes_state(route) else Severity.MEDIUM
        message = _render(rule.message, {"framework": FRAMEWORK_NAMES.get(route.framework, route.framework),
                                         "route": route.describe(), "lookup": _short(what)})
        finding = make_finding(rule, doc, start, end, message=message, analyzer=self.name)
        confidence = Confidence.LOW if route.lookup_unowned or (
            not self.model.changes_state(route) and _PUBLIC_MEDIA.search(route.path or "")) else \
            Confidence.HIGH if route.clear_lookup else Confidence.MEDIUM
        return finding.with_changes(severity=min(severity, rule.severity), confidence=confidence)

    def _role(self, doc: Document, route: Route, sibling: Route) -> Finding | None:
        rule = self.by_check.get(("role", ""))
        if rule is None:
            return None
        message = _render(rule.message, {
            "framework": FRAMEWORK_NAMES.get(route.framework, route.framework), "route": route.describe(),
            "sibling": sibling.describe(), "guard": _short(sibling.reason or "a role check", 50)})
        related = (Location(doc.path, doc.range_of(sibling.start, sibling.end),
                            f"{sibling.describe()} checks a role ({_short(sibling.reason or 'in its handler', 50)})"),)
        severity = Severity.HIGH if self.model.changes_state(route) else Severity.MEDIUM
        finding = make_finding(rule, doc, route.start, route.end, message=message, related=related, analyzer=self.name)
        return finding.with_changes(severity=min(severity, rule.severity))

    def _graphql(self, doc: Document, m: Route, mutations: list[Route]) -> Finding | None:
        rule = self.by_check.get(("graphql", ""))
        if rule is None:
            return None
        sibling = _protected_sibling(m, mutations)
        related = ()
        if sibling is not None:
            related = (Location(doc.path, doc.range_of(sibling.start, sibling.end),
                                f"{sibling.handler} checks the caller ({sibling.reason})"),)
        message = _render(rule.message, {"route": m.handler, "hint": self.model.fw("graphql").value("hint", "")})
        return make_finding(rule, doc, m.start, m.end, message=message, related=related, analyzer=self.name)


def _may_route(path: Path, display: str, config: Config, read: Callable[[Path, str], bytes | None] | None) -> bool:
    """Can this file give the access analyzer anything: a route (the models' words, in a file it
    analyzes) or an OpenAPI document? Unsure (it cannot be read here): yes."""
    from railguard.engine.languages import detect_language

    try:
        if read is None:
            if path.stat().st_size > config.max_file_size:
                return False  # not analyzed, not indexed
            data = path.read_bytes()
        else:
            data = read(path, display)
    except OSError:
        return True
    if data is None:
        return True
    if len(data) > config.max_file_size:
        return False
    if Path(display).suffix in SPEC_SUFFIXES and SPEC_WORD in data:
        return True
    return relevant_data(detect_language(display, data[:128]), data)


def _protected_sibling(route: Route, siblings: list[Route]) -> Route | None:
    best: Route | None = None
    for s in siblings:
        if s is route or not s.protected or s.framework != route.framework:
            continue
        if best is None or abs(s.anchor_line - route.anchor_line) < abs(best.anchor_line - route.anchor_line):
            best = s
    return best


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _render(template: str, values: dict[str, str]) -> str:
    out = template
    for key, value in values.items():
        out = out.replace("{{" + key + "}}", value).replace("{{ " + key + " }}", value)
    return out


ANALYZER = AccessAnalyzer


def _facts_store(config: Config):
    """The last project index, signed, in the user's cache dir: keyed by railguard's version, the
    access models' and code's content and the access settings, so that any of them changing
    builds the index again."""
    import hashlib
    import json

    from railguard import __version__
    from railguard.engine.cache import summary_store

    section = json.dumps(config.section("access"), sort_keys=True, default=str)
    context = f"access-facts:{__version__}:{_code_digest()}:{hashlib.sha256(section.encode()).hexdigest()[:16]}"
    return summary_store(config, "access-facts.json", context)


@lru_cache(maxsize=1)
def _code_digest() -> str:
    import hashlib

    folder = Path(__file__).resolve().parent.parent / "access"
    h = hashlib.sha256()
    for f in sorted(folder.iterdir()):
        if f.suffix in (".py", ".yaml"):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


# the project's own linter requires an access check on views and the author opted this one out
# on its definition line (`class InitDBView(View):  # pylint: disable=missing-permission-required`):
# open on purpose, a decision already reviewed; kept, at low confidence
_LINT_OPT_OUT = re.compile(
    rb"#[^\n]*\b(?:pylint|noqa|flake8|ruff|lint)\b[^\n]*?[\w-]*(?:permission|login|auth)[\w-]*", re.IGNORECASE)
_DEFINITION = re.compile(rb"^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]", re.MULTILINE)


def _author_opted_out(doc: Document, start: int) -> bool:
    """The definition line of the route's handler (the first `def`/`class` line at or after the
    route's start, within a few lines) carries a lint opt-out that names an access check."""
    data = doc.data
    line_start = data.rfind(b"\n", 0, start) + 1
    found = _DEFINITION.search(data, line_start, min(len(data), line_start + 2000))
    if found is None:
        return False
    end = data.find(b"\n", found.start())
    return _LINT_OPT_OUT.search(data, found.start(), end if end != -1 else len(data)) is not None
