"""One document in, routes and their decisions out; and the project index (`prepare`)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.engine.access import (
    django,
    django_urls,
    express,
    express_handlers,
    fastapi,
    flask,
    graphql,
    intent,
    js_ownership,
    nest,
    openapi,
    ownership,
    pyweigh,
    records,
    roles,
    spring,
    tenancy,
)
from railguard.engine.access import layers as layers_model
from railguard.engine.access.facts import Facts, new_raw, resolve
from railguard.engine.access.hints import (
    JAVA,
    JS,
    MODEL_HINT,
    PY_NAMED_FILES,
    PYTHON,
    relevant_data,
)
from railguard.engine.access.model import SWITCHED_REFUSAL
from railguard.engine.access.objects import (
    forged_gains_nothing,
    id_params,
    java_lookup,
    model_permission_exit,
    own_records_only,
    preflighted_only,
    python_csrf_exempt,
    resolved_first,
    token_confirmation,
    token_in_path,
)
from railguard.engine.access.pyauth import auth_functions, guard_helpers
from railguard.engine.access.python import PyFile
from railguard.engine.access.tree import code_text, last_name, list_items, walk
from railguard.engine.document import Document

if TYPE_CHECKING:
    from collections.abc import Callable

    from railguard.engine.access.model import AccessModel, Route
    from railguard.engine.cache import SignedStore

BUILD_FILES = ("pom.xml", "build.gradle", "build.gradle.kts")
MANIFESTS = ("package.json", "requirements.txt", "pyproject.toml", "Pipfile", "setup.cfg", "setup.py")
USES_AUTH = re.compile(r"login_required|jwt_required|permission_classes|IsAuthenticated|Depends\(\s*get_current|"
                       r"passport\.authenticate|isAuthenticated|@PreAuthorize|@Secured|@RolesAllowed|LoginRequiredMixin|"
                       r"requireAuth|auth_required|current_user\.is_authenticated|request\.user\.is_authenticated")
MAX_INDEX_FILE = 1_000_000
# any notion of users in a project: a login, a user model, an auth or password library. A project
# without any has no one to protect a route from: its routes are not reported one by one.
USER_HINT = re.compile(
    rb"login_required|LoginRequired|jwt_required|flask[_-]login|flask[_-]jwt|flask[_-]security|flask[_-]httpauth|"
    rb"allauth|simplejwt|python-jose|pyjwt|UserMixin|current_user|request\.user\b|AbstractUser|"
    rb"status_code\s*=\s*40[13]|HTTP_40[13]|abort\(\s*40[13]|status\(\s*40[13]|sendStatus\(\s*40[13]|"
    rb"\bUNAUTHORIZED\b|\bFORBIDDEN\b|rest_framework|"
    rb"AbstractBaseUser|django\.contrib\.auth\.(urls|views|decorators|mixins)|LoginView|\bauthenticate\(|"
    rb"check_password|set_password|password_hash|hashpw|bcrypt|argon2|passlib|OAuth2PasswordBearer|HTTPBearer|"
    rb"HTTPBasic|APIKeyHeader|fastapi_users|passport|jsonwebtoken|express-session|req\.session\.user|req\.user\b|"
    rb"isAuthenticated|@PreAuthorize|@Secured|spring-boot-starter-security|HttpSecurity|class\s+User\b|"
    rb"model\(\s*['\"]User['\"]|['\"]/(api/)?(auth/)?(login|signin|sign-in|register|signup)['\"]|\blogin_user\(|"
    rb"session\[\s*['\"](user|user_id|username|uid)['\"]|@UseGuards|AuthGuard|Depends\(\s*get_current_user")


def user_hint(data: bytes) -> bool:
    """Any notion of users in a file (USER_HINT), not counting refusals a deployment switch decides."""
    found = USER_HINT.search(data)
    if found is None:
        return False
    if not SWITCHED_REFUSAL_BYTES.search(data):
        return True
    return bool(USER_HINT.search(SWITCHED_REFUSAL_BYTES.sub(b"", data)))


SWITCHED_REFUSAL_BYTES = re.compile(SWITCHED_REFUSAL.pattern.encode())


@dataclass
class CsrfSite:
    start: int
    end: int
    route: Route | None
    what: str


@dataclass
class DocumentResult:
    routes: list[Route] = field(default_factory=list)
    mutations: list[Route] = field(default_factory=list)
    csrf: list[CsrfSite] = field(default_factory=list)
    uses_auth: bool = False


def relevant(doc: Document) -> bool:
    cached = doc.__dict__.get("_access_relevant")
    if cached is None:
        cached = doc.__dict__["_access_relevant"] = relevant_data(doc.language, doc.data) or (
            doc.language == PYTHON and ("/" + doc.path).endswith(PY_NAMED_FILES) and b"class " in doc.data)
    return cached


def collect_raw(doc: Document, model: AccessModel, facts: Facts) -> dict[str, Any]:
    """What this file tells about the project (see facts.py)."""
    raw = new_raw(doc.path)
    if Path(doc.path).name in BUILD_FILES:
        spring.collect(doc, raw, model)
        return raw
    if doc.language == PYTHON and any(h in doc.data for h in MODEL_HINT):
        tenancy.collect(PyFile.of(doc), raw)
    if not relevant(doc):
        return raw
    raw["uses_auth"] = bool(USES_AUTH.search(doc.text))
    if doc.language == PYTHON:
        pf = PyFile.of(doc)
        raw["caller_scoped"] = tenancy.scoped(doc.text)
        cached = doc.__dict__.get("_access_auth_functions")
        if cached is None:
            cached = doc.__dict__["_access_auth_functions"] = auth_functions(pf, model)
        raw["auth_functions"] = list(cached)
        helpers = doc.__dict__.get("_access_guard_helpers")
        if helpers is None:
            helpers = doc.__dict__["_access_guard_helpers"] = guard_helpers(pf, model)
        raw["guard_helpers"] = list(helpers)
        raw["request_tenants"] = tenancy.request_tenants(doc.text)
        if flask.is_flask_file(pf):
            flask.collect(pf, raw, model, facts)
        if fastapi.is_fastapi_file(pf):
            fastapi.collect(pf, raw, model)
        if django.is_django_file(pf):
            django.collect(pf, raw, model, facts)
        django_urls.plugins(pf, raw["django"], model)  # a panel file need not name Django
    elif doc.language in JS:
        if express.indexable(doc):
            raw["express"] = express.collect(doc, model, facts)
        nest.collect(doc, raw, model)
    elif doc.language == JAVA:
        spring.collect(doc, raw, model)
    return raw


def file_facts(doc: Document, model: AccessModel) -> Facts:
    """Facts from the document alone, for a scan without a project index."""
    first = Facts(resolve([collect_raw(doc, model, Facts())], project=False))
    data = resolve([collect_raw(doc, model, first)], project=False)
    if doc.language == PYTHON:
        data["unowned_records"] = records.unowned_records(
            ((n, *v) for n, v in records.declared_records(doc.data).items()),
            records.caller_scoped_records(doc.data))
    return Facts(data, project=False)


def _content(path: Path, display: str, read: Callable[[Path, str], bytes | None] | None, max_size: int) -> bytes:
    """A file's bytes from the work tree, or through `read` (OSError when it has none or too many)."""
    data = path.read_bytes() if read is None else read(path, display)
    if data is None or len(data) > max_size:
        raise OSError(display)
    return data


def project_facts(files: list[tuple[Path, str]], model: AccessModel, max_size: int = MAX_INDEX_FILE,
                  read: Callable[[Path, str], bytes | None] | None = None,
                  store: SignedStore | None = None) -> dict[str, Any]:
    """Index every relevant file of the project: two passes, so that markers found in one
    file (a decorator, a middleware) are known when guards in other files are judged. `read`
    gives contents that do not come from the work tree (the commit gate reads the index).
    `store` (the user's signed cache) keeps the index of the last scan: read again only when
    a file it was built from changed, or another one appeared."""
    inputs: list[tuple[str, str, bytes]] = []  # (kind, display, data) of every file the index reads
    for path, display in files:
        name = Path(display).name
        try:
            if read is None and path.stat().st_size > max_size:
                continue
            if Path(display).suffix in openapi.SPEC_SUFFIXES and name not in MANIFESTS:
                inputs.append(("spec", display, _content(path, display, read, max_size)))
            elif name in BUILD_FILES:
                inputs.append(("build", display, _content(path, display, read, max_size)))
            elif name in MANIFESTS:
                inputs.append(("manifest", display, _content(path, display, read, max_size)))
            else:
                language = Document(display, b"").language
                if language in (PYTHON, JAVA, *JS):
                    inputs.append((language, display, _content(path, display, read, max_size)))
        except OSError:
            continue
    digest = ""
    if store is not None:
        h = hashlib.sha256()
        for kind, display, data in inputs:
            h.update(f"{kind}\0{display}\0{len(data)}\0".encode())
            h.update(data)
        digest = h.hexdigest()
        cached = store.get("project", digest)
        if isinstance(cached, dict):
            return cached
    resolved = _index(inputs, model)
    if store is not None:
        store.put("project", digest, resolved)
        store.retain({"project"})
        store.save()
    return resolved


def _index(inputs: list[tuple[str, str, bytes]], model: AccessModel) -> dict[str, Any]:
    docs: list[Document] = []
    has_users = False
    operations: list[dict[str, Any]] = []
    declared: list[tuple[str, bool, tuple[str, ...], tuple[str, ...]]] = []
    scoped: set[str] = set()
    for i, (kind, display, data) in enumerate(inputs):
        inputs[i] = ("", "", b"")  # what is not kept below is freed as the loop goes
        if kind == "spec":
            if openapi.is_spec(display, data):
                operations += openapi.operations(data)
            continue
        if kind == "build":
            has_users = has_users or user_hint(data)
            docs.append(Document(display, data, "text"))
            continue
        if kind == "manifest":
            has_users = has_users or user_hint(data)
            continue
        doc = Document(display, data, kind)
        if b"\0" in data[:8192]:
            continue
        has_users = has_users or user_hint(data)
        if doc.language == PYTHON:
            declared += [(n, *v) for n, v in records.declared_records(data).items()]
            scoped |= records.caller_scoped_records(data)
        if relevant(doc) or (doc.language == PYTHON and any(h in data for h in MODEL_HINT)):
            docs.append(doc)
    raws = [_collect_and_release(d, model, Facts()) for d in docs]
    first = Facts(resolve(raws))
    # the second pass reads the first's facts; a file without routes (models only, a build
    # file) reads none of them: its facts are the same, and it is not parsed again
    resolved = resolve([_collect_and_release(d, model, first) if _reads_facts(d) else raw
                        for d, raw in zip(docs, raws, strict=True)])
    resolved["openapi_operations"] = operations
    resolved["unowned_records"] = records.unowned_records(declared, scoped)
    resolved["has_users"] = has_users or any(op["secured"] for op in operations) or bool(
        resolved.get("uses_auth") or resolved.get("fastapi_auth_deps") or resolved.get("protected_classes")
        or (resolved.get("express") or {}).get("auth_middleware") or (resolved.get("spring") or {}).get("chains"))
    return resolved


def _reads_facts(doc: Document) -> bool:
    """Does collect_raw read the project's facts for this file (it does for route files only)?"""
    return Path(doc.path).name not in BUILD_FILES and relevant(doc)


def _collect_and_release(doc: Document, model: AccessModel, facts: Facts) -> dict[str, Any]:
    """One file's raw facts; its tree and analysis are dropped at once (re-parsed for the second
    pass) so that the index of a large project never holds every tree at the same time."""
    try:
        return _safe_collect(doc, model, facts)
    finally:
        doc.__dict__.pop("_access_pyfile", None)
        doc.__dict__.pop("tree", None)


def _safe_collect(doc: Document, model: AccessModel, facts: Facts) -> dict[str, Any]:
    try:
        return collect_raw(doc, model, facts)
    except (RecursionError, ValueError, UnicodeError):
        return new_raw(doc.path)


def analyze_document(doc: Document, model: AccessModel, project: dict[str, Any] | None = None) -> DocumentResult:
    """Every route in the document with its decision, GraphQL mutations, CSRF exemptions, IDOR lookups."""
    facts = Facts(project, project=True) if project else file_facts(doc, model)
    result = DocumentResult()
    if not relevant(doc) and not (doc.language == PYTHON and facts.data.get("openapi_operations")):
        return result
    result.uses_auth = bool(USES_AUTH.search(doc.text))
    if doc.language == PYTHON:
        _python(doc, model, facts, result)
    elif doc.language in JS:
        if express.is_express_file(doc):
            routes, _ = express.analyze(doc, model, facts)
            result.routes += routes
            _js_intent(doc, model, result)
            _js_objects(doc, result, model, facts)
        if nest.is_nest_file(doc):
            _nest(doc, model, facts, result)
    elif doc.language == JAVA:
        result.routes += spring.routes(doc, model, facts)
        _java_intent(doc, model, result)
        _java_objects(doc, result)
        _spring_csrf(doc, result)
    _role_consistency(doc, model, result)
    return result


def _role_consistency(doc: Document, model: AccessModel, result: DocumentResult) -> None:
    """BFLA: a signed-in route without the role its siblings in this router/blueprint/controller check."""
    role_checked: dict[int, bool] = {}
    own: set[int] = set()
    signin: set[int] = set()
    for r in result.routes:
        if not r.protected:
            continue
        if model.public_reason(r):
            signin.add(id(r))  # the sign-in itself (its handler refuses bad credentials): no role to ask for
        if r.admin_only or layers_model.all_records_role(r.reason):
            role_checked[id(r)] = True
            continue
        node = doc.tree.root_node.descendant_for_byte_range(r.start, r.end)
        while node is not None and node.type not in ("function_definition", "decorated_definition", "class_definition",
                                                      "method_declaration", "call_expression", "expression_statement"):
            node = node.parent
        decorators = ""
        if node is not None and node.type == "decorated_definition":
            decorators = "\n".join(code_text(doc, c) for c in node.named_children if c.type == "decorator")
            node = node.child_by_field_name("definition")
        text = code_text(doc, node) if node is not None else ""
        if doc.language == PYTHON and node is not None and node.type != "function_definition":
            defs = {d.outer.start_point[0]: d for d in PyFile.of(doc).definitions}
            d = defs.get(r.anchor_line)
            text = code_text(doc, d.outer) if d is not None else text
        role_checked[id(r)] = roles.role_evidence(text) or roles.role_decorator(decorators) or \
            (doc.language == PYTHON and roles.only_redirects(text))
        if doc.language == PYTHON and not role_checked[id(r)] and (own_records_only(r, text) or (
                roles.restores_own_cookie(text) and not pyweigh.writes(text))):
            # works on the caller's own records, or hands back the credential its own cookie carries:
            # needs no role (and counts as no role check)
            own.add(id(r))
    # the sign-in says nothing of the role the router's operations ask for; the caller's own records
    # need none (and count as routes without one)
    for r, sibling in roles.role_gaps([r for r in result.routes if id(r) not in signin], role_checked):
        if id(r) in own:
            continue
        r.role_sibling = sibling


def _nest(doc: Document, model: AccessModel, facts: Facts, result: DocumentResult) -> None:
    routes = nest.routes(doc, model, facts)
    private = intent.private_groups(routes)
    found: list[tuple[Route, list[layers_model.Lookup]]] = []
    for r in routes:
        method = nest.handler(doc, r)
        if method is None:
            continue
        extra = nest.param_names(doc, method)
        lookups = js_ownership.js_lookups(doc, method, extra)
        if r.unprotected:
            reads = any(not layers_model.layers().shared_content.match(lk.model or "") for lk in lookups)
            intent.settle(r, doc, method, code_text(doc, method.child_by_field_name("body")), model,
                          record_read=reads, group_private=intent.group_of(r) in private)
        elif r.protected and not r.admin_only:
            found.append((r, lookups))
    checked_models = {lk.model for _, lks in found for lk in lks if lk.guarded and lk.model}
    for r, lks in found:
        hit = ownership.unchecked(lks, all(m in ("GET", "HEAD") for m in r.methods), checked_models)
        if hit is not None:
            r.lookups.append((hit.start, hit.end, hit.text))
            r.clear_lookup = hit.direct
    result.routes += routes


def _js_intent(doc: Document, model: AccessModel, result: DocumentResult) -> None:
    private = intent.private_groups(result.routes)
    for r in result.routes:
        if not r.unprotected:
            continue
        node = doc.tree.root_node.descendant_for_byte_range(r.start, r.end)
        while node is not None and node.type != "call_expression":
            node = node.parent
        body = None
        if node is not None:
            args = node.child_by_field_name("arguments")
            handler = args.named_children[-1] if args is not None and args.named_children else None
            reads = False
            if handler is not None and handler.type in express.FUNCTION_TYPES:
                body = code_text(doc, handler.child_by_field_name("body"))
                reads = any(not layers_model.layers().shared_content.match(lk.model or "")
                            for lk in js_ownership.js_lookups(doc, handler))
        intent.settle(r, doc, node, body, model, record_read=reads, group_private=intent.group_of(r) in private)


def _java_intent(doc: Document, model: AccessModel, result: DocumentResult) -> None:
    private = intent.private_groups(result.routes)
    for r in result.routes:
        if not r.unprotected:
            continue
        node = doc.tree.root_node.descendant_for_byte_range(r.start, r.end)
        while node is not None and node.type != "method_declaration":
            node = node.parent
        body = code_text(doc, node.child_by_field_name("body")) if node is not None else None
        reads = node is not None and java_lookup(doc, node) is not None
        intent.settle(r, doc, node, body, model, record_read=reads, group_private=intent.group_of(r) in private)


def _python(doc: Document, model: AccessModel, facts: Facts, result: DocumentResult) -> None:
    pf = PyFile.of(doc)
    if flask.is_flask_file(pf):
        result.routes += flask.routes(pf, model, facts, flask.hooks(pf, model, facts))
    if fastapi.is_fastapi_file(pf):
        known = {(r.start, r.end) for r in result.routes}
        result.routes += [r for r in fastapi.routes(pf, model, facts) if (r.start, r.end) not in known]
    if django.is_django_file(pf):
        result.routes += django.routes(pf, model, facts)
    if graphql.is_graphql_file(pf):
        result.mutations += graphql.mutations(pf, model, facts)
    result.routes += openapi.routes(pf, model, facts, {r.anchor_line for r in result.routes})
    defs = {d.outer.start_point[0]: d for d in pf.definitions}
    private = intent.private_groups(result.routes)
    record_reads: dict[int, bool] = {}
    for r in result.routes + result.mutations:
        d = defs.get(r.anchor_line)
        if r.unprotected and d is not None:
            body = d.node.child_by_field_name("body")
            reads = d.node.type == "function_definition" and any(
                not layers_model.layers().shared_content.match(lk.model or "")
                for lk in ownership.python_lookups(doc, d.node, id_params(r, pf.param_names(d.node)),
                                                   tenancy.unscoped_methods(facts)))
            record_reads[id(r)] = reads
            intent.settle(r, doc, d.outer, code_text(doc, body) if body is not None else None, model,
                          record_read=reads, group_private=intent.group_of(r) in private,
                          implicit_writes=d.node.type == "class_definition")
    # an unguarded route is reported above low confidence only on evidence (pyweigh.py)
    pyweigh.weigh(doc, model, result.routes, defs, record_reads)
    found: list[tuple[Route, list[layers_model.Lookup]]] = []
    for r in result.routes:
        d = defs.get(r.anchor_line)
        if d is None:
            continue
        if d.node.type == "function_definition":
            # a capability URL (`/activation/<pk>/<token>/`): the token in the path is the credential
            if r.protected and not r.permission_guard and not _all_records_route(pf, d, r, model) \
                    and not (r.framework == "fastapi" and fastapi.object_checked(pf, d, model, facts)) \
                    and not token_in_path(r, model) and not token_confirmation(r, pf.text(d.node), model):
                ids = id_params(r, pf.param_names(d.node))
                lookups = ownership.python_lookups(doc, d.node, ids, tenancy.unscoped_methods(facts))
                lookups = tenancy.tenant_scoped(doc, lookups, ids, tenancy.unjoined_queries(facts))
                found.append((r, tenancy.request_tenant_scoped(lookups, facts.names("request_tenants"), pf.text(d.node))))
            fw = model.fw("flask" if r.framework == "flask" else "django")
            names = fw.names("csrf-exempt-decorators")
            e = python_csrf_exempt(doc, d.decorators, d.node, r, model, names)
            if e is not None:
                result.csrf.append(CsrfSite(e.start_byte, e.end_byte, r, pf.text(e)))
        elif d.node.type == "class_definition" and r.framework in ("django", "drf"):
            _django_class_objects(pf, d, r, result, model, facts)
    if tenancy.ownerless(facts):
        found = []  # no record belongs to anyone: a lookup by id reaches nobody else's data
    checked_models = {lk.model for _, lks in found for lk in lks if lk.guarded and lk.model}
    unowned = facts.names("unowned_records")
    for r, lks in found:
        d = defs.get(r.anchor_line)
        if d is not None:  # an owned record used only by a caller who holds a permission or belongs to a group
            lks = [lk for lk in lks if lk.checked or lk.model in unowned or not _use_permission_gated(pf, d, lk)]
        hit = ownership.unchecked(lks, not model.changes_state(r), checked_models)
        if hit is not None and hit.model in unowned and d is not None:
            # a shared table, or a user named as the target of the caller's action: low (records.py)
            handler = doc.node_text(d.node)
            # a shared record changed only by a role: there is no owner to compare the caller with
            gated = [lk for lk in lks if lk.model in unowned and _changed(doc, handler, lk)
                     and _change_role_gated(pf, d, lk)]
            lks = [lk for lk in lks if lk not in gated]
            shared = [lk for lk in lks if lk.model in unowned and not _changed(doc, handler, lk)]
            owned_hit = ownership.unchecked([lk for lk in lks if lk not in shared], not model.changes_state(r),
                                            checked_models)
            r.lookup_unowned = owned_hit is None
            hit = owned_hit or ownership.unchecked(lks, not model.changes_state(r), checked_models)
        if hit is not None and d is not None and resolved_first(doc, d.node, hit.start,
                                                               id_params(r, pf.param_names(d.node))):
            continue  # a relation of a record a project helper resolved (and scoped) first
        if hit is not None:
            r.lookups.append((hit.start, hit.end, hit.text))
            r.clear_lookup = hit.direct


def _changed(doc: Document, handler: str, lk: layers_model.Lookup) -> bool:
    """The handler changes the record a lookup loaded or hands it back whole (records.py); a model
    method's load by what the method does with it, and by what the handler does with its result
    when it keeps one (`member = project.remove_member(member_id)`)."""
    if not lk.method:
        return records.changes_record(handler, lk.text, returned=records.is_user_model(lk.model), unkept=True)
    line = doc.data[:lk.start].decode("utf-8", "replace").rsplit("\n", 1)[-1]
    kept = re.search(r"\w+\s*=\s*(await\s+)?$", line) is not None
    return lk.changes or (kept and records.changes_record(handler, lk.text, returned=records.is_user_model(lk.model)))


# a guard that asks for a role or a permission beyond a login (`@permission_required`, a staff decorator,
# `request.user.has_perm("app.delete_x")`, `user.is_staff`)
_ROLE_GUARD = re.compile(r"(?i)staff|permission|perms?\b|_perm|\brole|admin|superuser|moderator|manager|"
                         r"group_required|user_passes_test")
# a permission, a role or membership of a group (`request.user.groups.filter(name="exportgroup")`)
_PERMISSION_TEST = re.compile(r"\b(has_perms?|has_permission|user_has_\w*permissions?|is_staff|is_superuser|"
                              r"has_role|has_any_role|in_group|is_member_of)\b|\bgroups\.filter\(\s*name(?:__\w+)?\s*=")
_STAFF_EXIT = re.compile(r"\bif\s+not\s+[^\n:]*(?:\b(?:is_staff|is_superuser|has_perms?|has_permission|in_group)\b|"
                         r"\bgroups\.filter\(\s*name)[^\n]*:\s*\n\s*(return|raise|abort)\b")


def _change_role_gated(pf: PyFile, d: Any, lk: layers_model.Lookup) -> bool:
    """Only a caller who holds a role or a permission changes the (shared) record: the route's guard asks
    for one, the handler stops without one, or every change sits in a branch on one (`if
    request.user.has_perm("app.delete_x"): obj.delete()`)."""
    texts = _guard_texts(pf, d)
    if any(_ROLE_GUARD.search(t) for t in texts):
        return True
    body = d.node.child_by_field_name("body")
    if body is None:
        return False
    body_text = code_text(pf.doc, body)
    if _STAFF_EXIT.search(body_text) or layers_model.in_handler_role_exit(body_text) or \
            model_permission_exit(body_text):
        return True
    if lk.method:
        return False
    # blank the branches taken only with a permission: is the record still changed elsewhere?
    start = d.node.start_byte
    masked = bytearray(pf.doc.data[start:d.node.end_byte])
    branches = 0
    for stmt in walk(body, {"if_statement"}, doc=pf.doc):
        cond, consequence = stmt.child_by_field_name("condition"), stmt.child_by_field_name("consequence")
        if cond is not None and consequence is not None and _PERMISSION_TEST.search(pf.doc.node_text(cond)):
            masked[consequence.start_byte - start:consequence.end_byte - start] = \
                b" " * (consequence.end_byte - consequence.start_byte)
            branches += 1
    text = masked.decode("utf-8", "replace")
    return branches > 0 and text.find(lk.text) >= 0 and \
        not records.changes_record(text, lk.text, returned=records.is_user_model(lk.model))


def _use_permission_gated(pf: PyFile, d: Any, lk: layers_model.Lookup) -> bool:
    """Only a caller who holds a permission or belongs to a group uses the record a lookup loaded: before
    its first use the handler stops without one (`if not request.user.has_perm("app.x"): return ...`,
    or on a flag set only in a branch on one: `if request.user.groups.filter(name="exportgroup"):
    can_export = True` ... `if not can_export: return redirect(...)`), or every use sits in such a branch."""
    doc, body = pf.doc, d.node.child_by_field_name("body")
    call = doc.tree.root_node.descendant_for_byte_range(lk.start, lk.end)
    while call is not None and call.type != "call":
        call = call.parent
    var = ownership._assigned_name(doc, call) if call is not None else ""
    if body is None or call is None or not var:
        return False
    after = ownership._statement_of(call).end_byte
    uses = [n for n in walk(body, {"identifier"}, doc=doc) if n.start_byte >= after and doc.node_text(n) == var]
    if not uses:
        return False
    flags: set[str] = set()
    branches: list[Any] = []
    for stmt in walk(body, {"if_statement"}, doc=doc):
        cond, consequence = stmt.child_by_field_name("condition"), stmt.child_by_field_name("consequence")
        if cond is None or consequence is None:
            continue
        test = re.sub(r"^not\s+", "", pf.text(cond).strip())
        held = bool(_PERMISSION_TEST.search(test)) or test in flags
        if held and test != pf.text(cond).strip() and stmt.start_byte < uses[0].start_byte and \
                ownership._EXIT.search(code_text(doc, consequence)):
            return True  # stops without it, before the record is used
        if held and test == pf.text(cond).strip():
            branches.append(consequence)
            flags |= set(re.findall(r"^[ \t]*(\w+)\s*=\s*True\b", code_text(doc, consequence), re.MULTILINE))
    return all(any(b.start_byte <= u.start_byte < b.end_byte for b in branches) for u in uses)


_REGISTRATION = re.compile(r"^[\w.]+\.(route|get|post|put|patch|delete|api_route|websocket|add_url_rule)\(")


def _guard_texts(pf: PyFile, d: Any) -> list[str]:
    """The guards a handler carries: its decorators (not the route registration) and its class's
    `decorators`, `method_decorators` and `permission_classes`."""
    texts = [pf.text(e) for e in d.decorators if not _REGISTRATION.search(pf.text(e))]
    cls = pf.enclosing_class(d)
    if cls is not None:
        for attr in ("decorators", "method_decorators", "permission_classes"):
            value = pf.class_attr(cls, attr)
            if value is not None:
                texts += [pf.text(i) for i in list_items(value)]
    return texts


def _all_records_route(pf: PyFile, d: Any, r: Route, model: AccessModel) -> bool:
    """A route for a role that acts on every record, or one a policy decorator already authorizes."""
    texts = _guard_texts(pf, d)
    cls = pf.enclosing_class(d)
    if cls is not None:
        outer = cls.parent
        if outer is not None and outer.type == "decorated_definition":
            texts += [pf.text(c) for c in outer.named_children if c.type == "decorator"]
    if layers_model.all_records_role(r.reason) or any(layers_model.all_records_role(t) for t in texts):
        return True
    if r.framework == "fastapi" and r.admin_only:
        return True  # a router only callers with the role reach (`include_router(..., dependencies=[Depends(get_current_admin)])`)
    if layers_model.policy_decorator(texts):
        return True
    if r.framework == "fastapi" and layers_model.policy_dependency(fastapi.route_dependencies(pf, d, model, router=False)):
        return True  # a route dependency named for a permission or policy (`requires_access_view(...)`), as a decorator
    body = d.node.child_by_field_name("body")
    if body is None:
        return False
    text = code_text(pf.doc, body)
    if cls is not None:
        text += _called_helpers(pf, cls, text)
    return layers_model.in_handler_role_exit(text) or model_permission_exit(text)


def _called_helpers(pf: PyFile, cls: Any, text: str) -> str:
    """The bodies of the class's own methods the handler calls as a statement (`self.check_permissions(id)`),
    a returned call made a statement: what they raise, the handler raises."""
    out = ""
    for m in pf.methods(cls):
        name = pf.text(m.name_node)
        inner = m.node.child_by_field_name("body")
        if inner is not None and re.search(rf"^[ \t]*self\.{re.escape(name)}\(", text, re.MULTILINE):
            out += "\n" + re.sub(r"(?m)^([ \t]*)return[ \t]+", r"\1", code_text(pf.doc, inner))
    return out


_OBJECT_VIEWS = {"DetailView": "GET", "UpdateView": "POST", "DeleteView": "POST", "RetrieveUpdateDestroyAPIView": "PUT",
                 "RetrieveAPIView": "GET", "RetrieveUpdateAPIView": "PUT", "RetrieveDestroyAPIView": "DELETE",
                 "ModelViewSet": "PUT", "UpdateAPIView": "PUT", "DestroyAPIView": "DELETE"}


# Django's registry tables: what models and sites exist, the same for every user
_FRAMEWORK_TABLES = frozenset({"ContentType", "Site"})


# permission classes that ask for a login only
_LOGIN_PERMISSIONS = frozenset({"IsAuthenticated", "IsAuthenticatedOrReadOnly", "AllowAny"})


def _django_class_objects(pf: PyFile, d: Any, r: Route, result: DocumentResult, model: AccessModel,
                          facts: Facts) -> None:
    bases = {b.rsplit(".", 1)[-1] for b in pf.class_bases(d.node)}
    text = pf.text(d.node)
    if d.decorators:
        e = next((e for e in d.decorators if "csrf_exempt" in pf.text(e)), None)
        anonymous = r.public and r.reason.startswith("works on the caller's own session")
        # a view that writes nothing (a template view that only builds its context): nothing to forge
        if e is not None and (r.methods != ("GET",) or "def post" in text) and not token_in_path(r, model) and \
                not anonymous and not forged_gains_nothing(r, text, model) and not preflighted_only(r) and \
                pyweigh.class_view_writes(pf.doc, d.node) and not re.search(
                r"webhook|callback|hook|signature|hmac|csp", text, re.IGNORECASE):
            result.csrf.append(CsrfSite(e.start_byte, e.end_byte, r, pf.text(e)))
    if not r.protected or r.admin_only or not bases & set(_OBJECT_VIEWS) or tenancy.ownerless(facts):
        return
    if bases & facts.names("scoped_classes"):
        return  # a project base class scopes the queryset to the caller
    if re.search(r"get_queryset|get_object|filter_queryset|test_func|has_object_permission|PermissionRequired|"
                 r"permission_required\s*=|UserPassesTest|Owner|request\.user|DjangoObjectPermissions|IsAdmin", text):
        return
    if re.search(r"permission_classes\s*=\s*[\[(][^\])]*\b(?!IsAuthenticated\b)\w*Permission\w*", text):
        return
    perms = pf.class_attr(d.node, "permission_classes")
    if perms is not None and {last_name(pf.text(i)) for i in list_items(perms)} & facts.names("object_permission_classes"):
        return  # a project permission class with has_object_permission judges each record
    if r.framework == "drf" and facts.section("django").get("drf_object_default") and \
            pf.class_attr(d.node, "permission_classes") is None:
        return  # the default permission classes check each object
    source = pf.class_attr(d.node, "queryset") or pf.class_attr(d.node, "model")
    if source is not None and set(r.methods) <= {"GET", "HEAD"} and \
            pf.text(source).split(".objects", 1)[0].rsplit(".", 1)[-1] in _FRAMEWORK_TABLES:
        return  # a read-only view of the framework's own registry (the installed models, the sites)
    table = pf.text(source).split(".objects", 1)[0].rsplit(".", 1)[-1] if source is not None else ""
    if table in facts.names("unowned_records"):
        # a shared record: read by anyone signed in (low; a user's whole record is no shared one), changed
        # only by the role a permission class asks for
        if set(r.methods) <= {"GET", "HEAD"} and not records.is_user_model(table):
            r.lookup_unowned = True
        elif perms is not None and {last_name(pf.text(i)) for i in list_items(perms)} - _LOGIN_PERMISSIONS:
            return
    if source is not None:
        name = d.name_node
        attr = "queryset" if pf.class_attr(d.node, "queryset") is not None else "model"
        r.lookups.append((name.start_byte, name.end_byte, f"{attr} = {pf.text(source)}"))


def _js_objects(doc: Document, result: DocumentResult, model: AccessModel, facts: Facts) -> None:
    found: list[tuple[Route, list[layers_model.Lookup]]] = []
    js: express.JsFile | None = None
    for r in result.routes:
        if not r.protected or layers_model.all_records_role(r.reason):
            continue
        node = doc.tree.root_node.descendant_for_byte_range(r.start, r.end)
        while node is not None and node.type != "call_expression":
            node = node.parent
        if node is None:
            continue
        args = node.child_by_field_name("arguments")
        handlers = args.named_children if args is not None else []
        if any(layers_model.all_records_role(doc.node_text(h)) for h in handlers[:-1]):
            continue
        handler = handlers[-1] if handlers else None
        if handler is not None and handler.type in express.FUNCTION_TYPES:
            found.append((r, js_ownership.js_lookups(doc, handler)))
        elif handler is not None:  # a handler named here, defined elsewhere (express_handlers.py)
            js = js or express.JsFile(doc, model, facts)
            found.append((r, express_handlers.lookups(js, handler)))
    checked_models = {lk.model for _, lks in found for lk in lks if lk.guarded and lk.model}
    for r, lks in found:
        hit = ownership.unchecked(lks, all(m in ("GET", "HEAD") for m in r.methods), checked_models)
        if hit is not None:
            r.lookups.append((hit.start, hit.end, hit.text))
            r.clear_lookup = hit.direct


def _java_objects(doc: Document, result: DocumentResult) -> None:
    by_name = {}
    for m in walk(doc.tree.root_node, {"method_declaration"}, doc=doc):
        name = m.child_by_field_name("name")
        if name is not None:
            by_name[(name.start_byte, name.end_byte)] = m
    for r in result.routes:
        if not r.protected or r.admin_only:
            continue
        m = by_name.get((r.start, r.end))
        if m is None:
            continue
        if re.search(r"#\w|hasPermission|returnObject|principal|authentication", doc.node_text(m)):
            continue
        hit = java_lookup(doc, m)
        if hit:
            r.lookups.append(hit)


def _spring_csrf(doc: Document, result: DocumentResult) -> None:
    t = doc.text
    if "HttpSecurity" not in t:
        return
    chain = spring.filter_chain(t)
    if not (chain["csrf_disabled"] and chain["form_login"]) or re.search(r"SessionCreationPolicy\.STATELESS", t):
        return
    m = re.search(r"csrf\s*\(", t)
    if m is None:
        return
    start = len(t[: m.start()].encode("utf-8", "surrogateescape"))
    end = start + len(m.group(0).encode())
    result.csrf.append(CsrfSite(start, end, None, "csrf disabled with form login"))
