"""The taint model (sources, sanitizers, guards, sinks) as loaded from YAML data.

The model file is data: it is read with the safe YAML loader and checked here, so
a malformed model is an error naming the file and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from railguard.engine.lazyre import LazyPattern
from railguard.engine.taint.trust import AdminGuards
from railguard.model import Confidence, RailguardError
from railguard.rules.loader import load_data_file

MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "rules" / "taint" / "models"
ALL = "all"
REQUEST_PATH = "request-path"
REFERRER = "referrer"  # the Referer header: set by the page that linked here
# Host and the X-Forwarded-* headers: set by the proxy in front, or by a client for itself; a page of
# another site cannot make a visitor's browser send chosen values
PROXY_HEADER = "proxy-header"
# a body read as JSON where the framework refuses any other content type (Flask's `request.json`,
# `request.get_json()`): a page of another site cannot send it without the CORS preflight the app
# would have to allow, so what it reflects into a page is the sender's own
JSON_BODY = "json-body"
# any other request header (`request.headers.get(name)`): a link or a form of another site cannot set one
# either, so a redirect built from it is not one an attacker can send a victim through
HEADER = "request-header"
# Django's form body (`request.POST`) in a view that takes POSTs, where CsrfViewMiddleware (on by
# default) refuses a POST without the site's token: a page of another site cannot send a victim's
# browser here with values of its choosing
CSRF_FORM = "csrf-form"


@dataclass(frozen=True)
class CallSource:
    name: str
    kind: str
    label: str
    receivers: LazyPattern | None = None
    module: str = ""  # only when imported from this module


@dataclass(frozen=True)
class SinkSpec:
    kind: str
    names: frozenset[str]
    args: tuple[int, ...] = ()
    keywords: frozenset[str] = frozenset()
    receiver: bool = False  # the receiver object is the dangerous value (Path(x).read_text())
    receivers: LazyPattern | None = None  # for "*.name": the receiver's text must match
    argv: bool = False  # subprocess-style: a list argv is only dangerous in its program or with a shell
    xml_parser: bool = False
    yaml_loader: bool = False
    log_format: bool = False
    subscript_store: frozenset[str] = frozenset()
    all_keywords: bool = False  # every keyword argument is dangerous (session.update(role=x))
    # for "*.name" matched by the receiver's name: the file must import one of these modules
    # (evidence that `session.get(url)` is an HTTP client's, not a dict's or a session store's)
    modules: frozenset[str] = frozenset()
    not_receivers: LazyPattern | None = None  # receivers (as written or resolved) that are something else
    # for "*.name": a receiver whose class is declared (a parameter's annotation, an instance of an
    # imported class) must be of a class this matches (`use_case: UpsertUseCase` runs no SQL)
    receiver_types: LazyPattern | None = None


@dataclass
class TaintModel:
    confidence: dict[str, Confidence]
    request_objects: frozenset[str]
    request_attributes: frozenset[str]
    request_methods: frozenset[str]
    call_sources: list[CallSource]
    name_sources: dict[str, str]  # dotted name -> kind
    route_decorators: frozenset[str]
    fastapi_markers: frozenset[str]
    safe_annotations: frozenset[str]
    sanitizers: dict[str, frozenset[str]]  # call name -> kinds it clears ("all")
    safe_url_calls: frozenset[str]
    sinks: list[SinkSpec]
    kinds: tuple[str, ...]
    sink_index: dict[str, list[SinkSpec]] = field(default_factory=dict)  # exact names
    method_sinks: dict[str, list[SinkSpec]] = field(default_factory=dict)  # "*.m" -> by m
    store_sinks: list[SinkSpec] = field(default_factory=list)
    source_index: dict[str, list[CallSource]] = field(default_factory=dict)
    method_sources: dict[str, list[CallSource]] = field(default_factory=dict)
    prefilter: LazyPattern | None = None  # any sink or source name
    source_prefilter: LazyPattern | None = None  # where untrusted data can enter (not requests)
    request_prefilter: LazyPattern | None = None  # request objects (only in web code)
    web_frameworks: frozenset[str] = frozenset()
    web_import: LazyPattern | None = None  # the file imports a web framework

    ignore_sinks: dict[str, frozenset[str]] = field(default_factory=dict)  # source kind -> sink kinds
    # resolved names that share a sink's bare name but are not that sink (DRF's JSON Response)
    not_sinks: dict[str, frozenset[str]] = field(default_factory=dict)  # sink kind -> resolved names
    admin_guards: AdminGuards | None = None  # handlers only an administrator reaches
    request_path_parts: frozenset[str] = frozenset()  # request.path, get_full_path(): this site's URL
    # URL predicates and validators named for what they check (`client.allow_redirect_uri(u)`,
    # `validate_url(u)` that raises), whose body is often out of sight
    safe_url_names: LazyPattern | None = None
    path_validator_names: LazyPattern | None = None  # check_path_inside(p) as a statement: raises
    path_predicate_names: LazyPattern | None = None  # `if not is_allowed_file(p): abort(403)`: p is inside
    parsers: frozenset[str] = frozenset()  # uuid.UUID(key) as a statement: raises unless the text is one
    safe_clients: LazyPattern | None = None  # functions that make SSRF-checked HTTP clients
    # reads of the operator's configuration (`current_app.config["API_TOKEN"]`, `settings.X`): a
    # value found equal to one is the configured value, as trusted as the configuration
    configured_values: LazyPattern | None = None
    # sanitizers named for what they do (`get_valid_filename`, `slugify`): sink kind -> name pattern
    sanitizer_names: dict[str, LazyPattern] = field(default_factory=dict)
    template_renderer_names: LazyPattern | None = None  # render_title_template("index.html", ...)
    storage_lookups: LazyPattern | None = None  # get_file_by_id(): a stored record, not the key
    id_lookups: LazyPattern | None = None  # get_book(book_id): a stored record, not the id
    app_paths: frozenset[str] = frozenset()  # url_for(), reverse(): a path of this app ("/...")
    # methods of a record that build its URL on this site (`obj.get_absolute_url()`)
    app_path_methods: LazyPattern | None = None
    # project helpers named for the framework's URL builder (`url_for_item(name)`) whose body calls it
    app_path_helpers: LazyPattern | None = None
    # methods whose result is the record stored, not the text handed in (`form.save()`): receiver
    # pattern per method name
    record_methods: dict[str, LazyPattern] = field(default_factory=dict)
    # HTTP request objects built for a client to send (name -> the URL's position): only the URL
    # decides where the request goes
    request_builders: dict[str, int] = field(default_factory=dict)
    # URL constructors by parts (`yarl.URL.build(path=..., query=...)`), name -> the keywords that
    # set the host: without them (or with constants) the URL is relative to the client's base
    relative_url_builders: dict[str, frozenset[str]] = field(default_factory=dict)
    # methods of SDK objects that return a URL of a configured service (class name -> methods):
    # the request's data can ride only in its query string
    configured_url_methods: dict[str, frozenset[str]] = field(default_factory=dict)
    referrer_parts: frozenset[str] = frozenset()  # request.referrer, headers["Referer"]: kind "referrer"
    proxy_headers: frozenset[str] = frozenset()  # headers["X-Forwarded-Host"] (lower case): kind "proxy-header"
    json_body_attributes: frozenset[str] = frozenset()  # request.json: kind "json-body"
    json_body_methods: frozenset[str] = frozenset()  # request.get_json() (without force=True): kind "json-body"
    header_parts: frozenset[str] = frozenset()  # request.headers: kind "request-header"
    csrf_form_attributes: frozenset[str] = frozenset()  # request.POST of a Django view: kind "csrf-form"
    csrf_form_views: LazyPattern | None = None  # decorators of a view that takes POSTs (`@require_POST`)
    csrf_form_methods: frozenset[str] = frozenset()  # methods of a class-based view that take POSTs
    csrf_form_exempt: LazyPattern | None = None  # what exempts a view from the check (`csrf_exempt`)
    csrf_form_exempt_files: LazyPattern | None = None  # files whose views exempt themselves (DRF's)
    # source kind -> sink kinds its findings are reported at low confidence for
    low_sinks: dict[str, frozenset[str]] = field(default_factory=dict)

    def request_kind(self, part: str, method: bool = False) -> str:
        """The source kind of a request attribute or method: the request's own URL on this host
        ("request-path": a redirect to it stays on the site), the Referer, a JSON body the framework
        accepts only as JSON, or any other request data."""
        if part in self.referrer_parts:
            return REFERRER
        if part in (self.json_body_methods if method else self.json_body_attributes):
            return JSON_BODY
        if part in self.header_parts and not method:
            return HEADER
        return REQUEST_PATH if part in self.request_path_parts else "request"

    def sanitized_by_name(self, name: str) -> frozenset[str]:
        """The sink kinds a call clears by its name alone (the last part of a dotted name)."""
        last = name.rsplit(".", 1)[-1]
        return frozenset(k for k, pat in self.sanitizer_names.items() if last and pat.search(last))

    def confidence_of(self, kind: str) -> Confidence:
        return self.confidence.get(kind, Confidence.MEDIUM)


class ModelError(RailguardError):
    pass


def is_low_sink(model: TaintModel, source_kind: str, kind: str, sink_name: str) -> bool:
    """Whether a flow from this kind of source into this sink is reported at low confidence: the
    model names a sink kind (`command-injection`), or a kind and the called name's last part
    (`code-injection:import_module`: a loader the command line names a module for, not `eval`)."""
    entries = model.low_sinks.get(source_kind, ())
    last = sink_name.rsplit("→", 1)[-1].strip().rsplit(".", 1)[-1]  # `load() → importlib.import_module`
    return kind in entries or f"{kind}:{last}" in entries


def _names(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ModelError(f"{where}: must be a list of names")
    return value


def _pattern(value: Any, where: str) -> LazyPattern | None:
    """A model pattern, compiled when a file first needs it (most commits need few of them)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ModelError(f"{where}: must be a regular expression string")
    return LazyPattern(value, 0, where)


def parse_model(raw: Any, source: str) -> TaintModel:
    if not isinstance(raw, dict):
        raise ModelError(f"{source}: a taint model must be a mapping")
    conf = {}
    for kind, label in (raw.get("confidence") or {}).items():
        try:
            conf[kind] = Confidence.parse(str(label))
        except ValueError as exc:
            raise ModelError(f"{source}: confidence.{kind}: {exc}") from None
    src = raw.get("sources") or {}
    ra = src.get("request-attributes") or {}
    rm = src.get("request-methods") or {}
    call_sources = []
    for i, item in enumerate(src.get("calls") or []):
        where = f"{source}: sources.calls[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ModelError(f"{where}: needs a name")
        call_sources.append(CallSource(
            name=item["name"], kind=str(item.get("kind", "request")),
            label=str(item.get("label") or item["name"].lstrip("*.") + "()"),
            receivers=_pattern(item.get("receivers"), where), module=str(item.get("from", "")),
        ))
    name_sources = {}
    for item in src.get("names") or []:
        name_sources[str(item["name"])] = str(item.get("kind", "request"))
    sanitizers: dict[str, set[str]] = {}
    for kind, names in (raw.get("sanitizers") or {}).items():
        for n in _names(names, f"{source}: sanitizers.{kind}"):
            sanitizers.setdefault(n, set()).add(kind)
    guards = raw.get("guards") or {}
    safe_url = _names((guards.get("safe-url") or {}).get("calls"), f"{source}: guards.safe-url.calls")
    sinks: list[SinkSpec] = []
    for kind, specs in (raw.get("sinks") or {}).items():
        if not isinstance(specs, list):
            raise ModelError(f"{source}: sinks.{kind}: must be a list")
        for i, spec in enumerate(specs):
            where = f"{source}: sinks.{kind}[{i}]"
            if not isinstance(spec, dict):
                raise ModelError(f"{where}: must be a mapping")
            args = spec.get("args") or []
            if not all(isinstance(a, int) for a in args):
                raise ModelError(f"{where}: args must be argument positions")
            sinks.append(SinkSpec(
                kind=kind,
                names=frozenset(_names(spec.get("names"), where + ".names")),
                args=tuple(args),
                keywords=frozenset(_names(spec.get("keywords"), where + ".keywords")),
                receiver=bool(spec.get("receiver", False)),
                receivers=_pattern(spec.get("receivers"), where + ".receivers"),
                argv=bool(spec.get("argv", False)),
                xml_parser=bool(spec.get("xml-parser", False)),
                yaml_loader=bool(spec.get("yaml-loader", False)),
                log_format=bool(spec.get("log-format", False)),
                subscript_store=frozenset(_names(spec.get("subscript-store"), where + ".subscript-store")),
                all_keywords=bool(spec.get("all-keywords", False)),
                modules=frozenset(_names(spec.get("modules"), where + ".modules")),
                not_receivers=_pattern(spec.get("not-receivers"), where + ".not-receivers"),
                receiver_types=_pattern(spec.get("receiver-types"), where + ".receiver-types"),
            ))
    model = TaintModel(
        confidence=conf,
        request_objects=frozenset(_names(ra.get("objects"), f"{source}: request-attributes.objects")),
        request_attributes=frozenset(_names(ra.get("attributes"), f"{source}: request-attributes")),
        request_methods=frozenset(_names(rm.get("methods"), f"{source}: request-methods")),
        call_sources=call_sources,
        name_sources=name_sources,
        route_decorators=frozenset(_names(src.get("route-decorators"), f"{source}: route-decorators")),
        web_frameworks=frozenset(_names(src.get("web-frameworks"), f"{source}: web-frameworks")),
        fastapi_markers=frozenset(_names(src.get("fastapi-markers"), f"{source}: fastapi-markers")),
        safe_annotations=frozenset(_names(src.get("safe-annotations"), f"{source}: safe-annotations")),
        sanitizers={k: frozenset(v) for k, v in sanitizers.items()},
        safe_url_calls=frozenset(safe_url),
        sinks=sinks,
        kinds=tuple(dict.fromkeys(s.kind for s in sinks)),
        ignore_sinks={str(k): frozenset(_names(v, f"{source}: ignore-sinks.{k}"))
                      for k, v in (raw.get("ignore-sinks") or {}).items()},
        not_sinks={str(k): frozenset(_names(v, f"{source}: not-sinks.{k}"))
                   for k, v in (raw.get("not-sinks") or {}).items()},
    )
    model.admin_guards = _admin_guards(raw.get("admin-guards"), source)
    model.request_path_parts = frozenset(_names(src.get("request-path"), f"{source}: sources.request-path"))
    model.safe_url_names = _pattern((guards.get("safe-url") or {}).get("names"), f"{source}: guards.safe-url.names")
    model.path_validator_names = _pattern((guards.get("path-containment") or {}).get("names"),
                                          f"{source}: guards.path-containment.names")
    model.path_predicate_names = _pattern((guards.get("path-containment") or {}).get("predicates"),
                                          f"{source}: guards.path-containment.predicates")
    model.parsers = frozenset(_names(guards.get("parsers"), f"{source}: guards.parsers"))
    model.safe_clients = _pattern((guards.get("safe-url") or {}).get("clients"), f"{source}: guards.safe-url.clients")
    model.configured_values = _pattern((guards.get("configured-value") or {}).get("reads"),
                                       f"{source}: guards.configured-value.reads")
    model.sanitizer_names = {str(k): p for k, v in (raw.get("sanitizer-names") or {}).items()
                             if (p := _pattern(v, f"{source}: sanitizer-names.{k}")) is not None}
    model.template_renderer_names = _pattern(raw.get("template-renderer-names"), f"{source}: template-renderer-names")
    model.storage_lookups = _pattern(raw.get("storage-lookups"), f"{source}: storage-lookups")
    model.id_lookups = _pattern(raw.get("id-lookups"), f"{source}: id-lookups")
    model.app_paths = frozenset(_names(raw.get("app-paths"), f"{source}: app-paths"))
    model.app_path_methods = _pattern(raw.get("app-path-methods"), f"{source}: app-path-methods")
    model.app_path_helpers = _pattern(raw.get("app-path-helpers"), f"{source}: app-path-helpers")
    model.record_methods = {str(k): p for k, v in (raw.get("record-methods") or {}).items()
                            if (p := _pattern(v, f"{source}: record-methods.{k}")) is not None}
    for i, item in enumerate(raw.get("request-builders") or []):
        if not isinstance(item, dict) or not isinstance(item.get("url"), int):
            raise ModelError(f"{source}: request-builders[{i}]: needs names and the url position")
        for n in _names(item.get("names"), f"{source}: request-builders[{i}].names"):
            model.request_builders[n] = item["url"]
    for cls, methods in (raw.get("configured-url-methods") or {}).items():
        model.configured_url_methods[str(cls)] = frozenset(_names(methods, f"{source}: configured-url-methods.{cls}"))
    for i, item in enumerate(raw.get("relative-url-builders") or []):
        if not isinstance(item, dict) or not isinstance(item.get("host-keywords"), list):
            raise ModelError(f"{source}: relative-url-builders[{i}]: needs names and host-keywords")
        hosts = frozenset(_names(item["host-keywords"], f"{source}: relative-url-builders[{i}].host-keywords"))
        for n in _names(item.get("names"), f"{source}: relative-url-builders[{i}].names"):
            model.relative_url_builders[n] = hosts
    model.referrer_parts = frozenset(_names(src.get("referrer"), f"{source}: sources.referrer"))
    model.proxy_headers = frozenset(n.lower() for n in _names(src.get("proxy-headers"), f"{source}: sources.proxy-headers"))
    model.header_parts = frozenset(_names(src.get("headers"), f"{source}: sources.headers"))
    json_body = src.get("json-body") or {}
    model.json_body_attributes = frozenset(_names(json_body.get("attributes"), f"{source}: sources.json-body.attributes"))
    model.json_body_methods = frozenset(_names(json_body.get("methods"), f"{source}: sources.json-body.methods"))
    csrf = src.get("csrf-form") or {}
    model.csrf_form_attributes = frozenset(_names(csrf.get("attributes"), f"{source}: sources.csrf-form.attributes"))
    model.csrf_form_methods = frozenset(_names(csrf.get("methods"), f"{source}: sources.csrf-form.methods"))
    model.csrf_form_views = _pattern(csrf.get("decorators"), f"{source}: sources.csrf-form.decorators")
    model.csrf_form_exempt = _pattern(csrf.get("exempt"), f"{source}: sources.csrf-form.exempt")
    model.csrf_form_exempt_files = _pattern(csrf.get("exempt-files"), f"{source}: sources.csrf-form.exempt-files")
    model.low_sinks = {str(k): frozenset(_names(v, f"{source}: low-confidence-sinks.{k}"))
                       for k, v in (raw.get("low-confidence-sinks") or {}).items()}
    _index(model)
    return model


def _admin_guards(raw: Any, source: str) -> AdminGuards | None:
    if raw is None:
        return None
    where = f"{source}: admin-guards"
    if not isinstance(raw, dict):
        raise ModelError(f"{where}: must be a mapping")
    names = _pattern(raw.get("names"), where + ".names")
    roles = _pattern(raw.get("role-checks"), where + ".role-checks")
    if names is None or roles is None:
        raise ModelError(f"{where}: needs names and role-checks")
    return AdminGuards(names, roles, frozenset(_names(raw.get("lowered-sinks"), where + ".lowered-sinks")),
                       permissions=_pattern(raw.get("permissions"), where + ".permissions"),
                       role_decorators=_pattern(raw.get("role-decorators"), where + ".role-decorators"))


def _index(model: TaintModel) -> None:
    tokens: set[str] = set()
    for spec in model.sinks:
        if spec.subscript_store:
            model.store_sinks.append(spec)
            tokens.update(n.rsplit(".", 1)[-1] for n in spec.subscript_store)
        for n in spec.names:
            last = n.rsplit(".", 1)[-1]
            tokens.add(last)
            if n.startswith("*."):
                model.method_sinks.setdefault(last, []).append(spec)
            else:
                model.sink_index.setdefault(n, []).append(spec)
    for cs in model.call_sources:
        if cs.name.startswith("*."):
            model.method_sources.setdefault(cs.name.rsplit(".", 1)[-1], []).append(cs)
        else:
            model.source_index.setdefault(cs.name, []).append(cs)
    model.request_prefilter = _word_pattern({o.split(".")[-1] for o in model.request_objects})
    # name sources as words (sys.argv), call sources as calls: `input(`, `messages.create(`
    alternatives = [rb"\b" + re.escape(n.rsplit(".", 1)[-1].encode()) + rb"\b" for n in model.name_sources]
    for cs in model.call_sources:
        parts = [p for p in cs.name.split(".") if p != "*"]
        tail = parts[-2:] if parts[-1] in _GENERIC and len(parts) > 1 else parts[-1:]
        alternatives.append(rb"\b" + rb"\s*\.\s*".join(re.escape(p.encode()) for p in tail) + rb"\s*\(")
    model.prefilter = _word_pattern(tokens | {o.split(".")[-1] for o in model.request_objects})
    model.source_prefilter = LazyPattern(b"|".join(sorted(set(alternatives), key=len, reverse=True)))
    names = b"|".join(re.escape(w.encode()) for w in sorted(model.web_frameworks))
    model.web_import = LazyPattern(rb"^[ \t]*(?:from|import)[ \t]+(?:" + names + rb")\b", re.MULTILINE)


_GENERIC = {"create", "get", "post", "request", "read", "readline"}


def _word_pattern(words: set[str]) -> LazyPattern:
    ordered = sorted((w for w in words if w and w.isidentifier()), key=len, reverse=True)
    return LazyPattern(rb"\b(?:" + b"|".join(w.encode() for w in ordered) + rb")\b")


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> TaintModel:
    file = Path(path) if path else MODEL_DIR / "python.yaml"
    try:
        raw = load_data_file(file)
    except OSError as exc:
        raise ModelError(f"{file}: cannot read the taint model: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ModelError(f"{file}: the taint model has {exc}") from None
    return parse_model(raw, str(file))
