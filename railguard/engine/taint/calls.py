"""Calls: sources, sanitizers, library behaviour, methods of values, and functions of the project.

Mixed into `FunctionRun` (flow.py). What a library call does to its arguments comes from
the library model (library.py); a call to a function of the project uses its summary.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from railguard.engine.canonical import dotted_name
from railguard.engine.lazyre import LazyPattern
from railguard.engine.taint.model import ALL, JSON_BODY
from railguard.engine.taint.state import Env, Hit
from railguard.engine.taint.syntax import (
    ALLOW_LIST_CLASS,
    ID_NAME,
    NEWLINES,
    node_text,
    spelled_names,
)
from railguard.engine.taint.values import (
    APP_PATH,
    CLEAN,
    JSON_DATA,
    NO_DOTS,
    NO_LEADING_SLASH,
    NORMALIZED,
    PATH_ONLY,
    UNKNOWN,
    UNKNOWN_FLOW,
    UPLOAD,
    UPLOADS,
    Flow,
    Origin,
    Step,
    Value,
    element_of,
    formatted_host_fixed,
    has_source,
    hashable,
    in_query,
    int_keys,
    is_request_value,
    join,
    on_this_site,
    ordered,
    unmarked,
)
from railguard.engine.taint.variants import constant_default

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.taint.flow import FileAnalysis

_CONTAINER_ADD = {"append", "add", "appendleft"}


ORM_MANAGER = LazyPattern(r"(?:^|\.)(?:objects|query|_default_manager|all_objects)(?:$|\.|\()")
TEMPLATE_FILE = LazyPattern(r"^[\w./-]+\.(?:html?|jinja2?|j2|djhtml|xml|txt)$")
_XSS = frozenset({"xss"})
SSRF_SAFE = "ssrf-safe"
MAX_SPECIALIZE_DEPTH = 4
PICKED_INSTANCE = "instance"  # made by calling a class held in a variable (a registry's entry)
_LOOKUPS = frozenset({"get", "pop", "getlist"})
_NO_DOTS = frozenset({NO_DOTS})
_PATH = frozenset({"path-traversal"})
_SQL = frozenset({"sql-injection"})
SQL_EXPRESSION = "sql-expression"  # a SQLAlchemy Core statement: its values are bound parameters
# classes whose render() fills text it was given as a template, escaping nothing by default
_RAW_RENDERERS = LazyPattern(r"(?i)template$|^object:(Markup|Environment|Engine|Mako\w*|Chameleon\w*)$")
# query set methods that take field lookups as keywords (`.exclude(id=1)`), and the getters of one
# record whose keywords must read as field lookups (`.get(pk=x)`, `.get(author_id=x)`)
_FIELD_FILTERS = frozenset({"filter", "exclude", "filter_by"})
_RECORD_GETTERS = frozenset({"get", "get_or_create", "get_or_404", "first_or_404", "one_or_404"})
_FIELD_LOOKUP = LazyPattern(r"^(?:pk|id|uuid|slug)$|_(?:id|pk|uuid)$|\w__\w")
_SPLITEXT = frozenset({"os.path.splitext", "posixpath.splitext", "ntpath.splitext"})
# a negated class of allowed characters (dots too) that names no directory separator
_ALLOWED_CHARS = LazyPattern(r"^\[\^(?:[\w.\-]|\\[wd.\-])+\][+*]?$")


def _no_separators_left(pattern: object, repl: object) -> bool:
    """re.sub(pattern, repl, x) leaves no "/" or "\\" in x: the pattern removes every character
    outside a class that holds neither, and the replacement holds neither."""
    return isinstance(pattern, str) and isinstance(repl, str) and bool(_ALLOWED_CHARS.match(pattern)) \
        and not any(ch in repl for ch in "/\\")


_NORMALIZED = frozenset({NORMALIZED})
BUFFER = "buffer"  # an in-memory file: its content is data, never a path
OPENED_FILE = "opened-file"  # the file object open(path) returns, where open() was proven safe
# os.path.join(folder, locale, "LC_MESSAGES", f"{domain}.po"): the input picks a folder, the
# program the file's kind; reported at low confidence (only other files of that kind are reached)
_PATH_LOW = frozenset({PATH_ONLY + "path-traversal"})
_URL_PATH_ONLY = frozenset({PATH_ONLY + "ssrf"})  # a relative URL: the client's base picks the host
_FILE_SUFFIX = LazyPattern(r"\.[A-Za-z0-9_-]{1,12}$")


def _fixed_file_suffix(parts: list[Value]) -> bool:
    """Does the joined path end in a fixed file extension (the last part is constant, or text
    built to end in one: `f"{name}.po"`), whatever folder the input picks?"""
    if len(parts) < 2:
        return False
    last = parts[-1]
    tail = last.const if last.is_const and isinstance(last.const, str) else last.tail
    return bool(tail) and "/" not in tail and _FILE_SUFFIX.search(tail) is not None
_BUFFERS = frozenset({"io.BytesIO", "io.StringIO"})
_OPENERS = frozenset({"open", "io.open", "codecs.open"})


class CallsMixin:
    """Evaluates calls: the value a call returns and what it does to its receiver."""

    def e_call(self, node: Node, env: Env) -> Value:
        func = node.child_by_field_name("function")
        args_node = node.child_by_field_name("arguments")
        receiver_node = None
        receiver = None
        method = ""
        if func is not None and func.type == "attribute":
            receiver_node = func.child_by_field_name("object")
            method = node_text(func.child_by_field_name("attribute"))
            receiver = self.eval(receiver_node, env)
        raw_name = node_text(func) if func is not None and func.type in ("identifier", "attribute") else ""
        if func is not None and (func.type == "call" or "(" in raw_name or not raw_name.isascii()):
            # getattr(os, "system"), __import__("os").system, look-alikes: the query rules' resolver
            raw_name = dotted_name(func, self.fa.doc.data) or raw_name
        if len(raw_name) > 200:
            raw_name = ""
        name = self.fa.resolve(raw_name) if raw_name else ""
        pos: list[Value] = []
        pos_nodes: list[Node] = []
        kw: dict[str, Value] = {}
        kw_nodes: dict[str, Node] = {}
        splat = CLEAN
        if args_node is not None:
            if args_node.type == "generator_expression":
                pos.append(self.eval(args_node, env))
                pos_nodes.append(args_node)
            else:
                for a in args_node.named_children:
                    if a.type == "keyword_argument":
                        k = node_text(a.child_by_field_name("name"))
                        vn = a.child_by_field_name("value")
                        kw[k] = self.eval(vn, env)
                        kw_nodes[k] = vn
                    elif a.type in ("list_splat", "dictionary_splat"):
                        splat = join(splat, self.eval(a, env))
                    elif a.type != "comment":
                        pos.append(self.eval(a, env))
                        pos_nodes.append(a)
        call = Call(node, name, raw_name, method, receiver, receiver_node, pos, pos_nodes, kw, kw_nodes, splat)
        if len(pos_nodes) == 1 and not kw and raw_name.rsplit(".", 1)[-1] in self.fa.enums:
            # `AuthMethods(f"{provider}-auth")` raises ValueError unless the text is a member's value:
            # once it returned, the names it is spelled from hold parts of the declared values
            for n in spelled_names(pos_nodes[0]):
                if n in env:
                    env[n] = env[n].cleared(frozenset({ALL}))
        self.check_sinks(call, env)
        return self.call_result(call, env)

    def call_result(self, c: Call, env: Env) -> Value:
        name = c.name
        model = self.model
        # sources
        if c.method and c.receiver_node is not None:
            rtext = node_text(c.receiver_node)
            if c.method == "build_absolute_uri" and c.pos and not has_source(c.pos[0]) and \
                    rtext in model.request_objects and self._is_request_object(rtext, env):
                return Value(c.pos[0].all_flows(), shape="str")  # this site's URL for a path of the app
            if rtext in model.request_objects and c.method in model.request_methods and \
                    self._is_request_object(rtext, env):
                kind = model.request_kind(c.method, method=True)
                forced = c.kw.get("force") or (c.pos[0] if c.pos else None)
                if kind == JSON_BODY and forced is not None and forced.const is not False:
                    kind = "request"  # get_json(force=True), get_json(True): any content type
                return self._source_value(f"{rtext}.{c.method}()", kind, c.node)
        for cs in model.source_index.get(name, ()):
            if cs.module and not self.fa.resolve(c.raw_name).startswith(cs.module):
                continue
            return self._source_value(cs.label, cs.kind, c.node)
        if c.method and c.method in model.method_sources and not receiver_is_module(c, self.fa):
            rtext = node_text(c.receiver_node) if c.receiver_node is not None else ""
            for cs in model.method_sources[c.method]:
                if suffix_match(cs.name, name) and (cs.receivers is None or cs.receivers.search(rtext)):
                    return self._source_value(cs.label, cs.kind, c.node)
        folded = fold_call(c)
        if folded is not None:
            return folded
        bound = self._sql_expression(c)
        if bound is not None:
            # `select(T).where(T.c.name == name)`, `insert(T).values(row)`: a statement object whose
            # values are sent as bound parameters, not SQL text; `stmt.prefix_with(x)` takes SQL text
            v = join(c.receiver.flat() if c.receiver is not None else CLEAN, *(x.flat() for x in c.pos),
                     *(x.flat() for x in c.kw.values()), c.splat)
            return Value(frozenset(f.clear(_SQL) for f in v.all_flows()) if bound else v.all_flows(),
                         shape=SQL_EXPRESSION)
        clients = model.safe_clients
        if clients is not None and clients.search(name.rsplit(".", 1)[-1]):
            return Value(shape=SSRF_SAFE)  # `get_ssrf_safe_session()`: a client that refuses private addresses
        last = name.rsplit(".", 1)[-1]
        renderers = model.template_renderer_names
        template = c.pos[0] if c.pos else c.kw.get("template_name")  # render_to_string(template_name=...)
        if (last in self.lib.template_renderers or renderers is not None and renderers.search(last)) \
                and template is not None \
                and (_template_files(template) or last in _NAME_ONLY_RENDERERS and not has_source(template)):
            # a template file rendered by the framework (autoescaped): the context's text is escaped
            return _rendered(c, c.pos[1:])
        if last in _TEMPLATE_LOADERS and (name in _TEMPLATE_LOADER_NAMES or c.receiver_node is not None
                                              and _ENGINE_RECEIVER.search(node_text(c.receiver_node))):
            return Value(shape=TEMPLATE_FILE_SHAPE)  # get_template("x.html"): a template file of the project
        if c.method == "render" and c.receiver is not None and c.receiver.shape == TEMPLATE_FILE_SHAPE:
            return _rendered(c, c.pos)  # a file template's render(context): autoescaped
        if name in ("re.sub", "regex.sub") and len(c.pos) >= 3 and isinstance(c.pos[0].const, str) \
                and ALLOW_LIST_CLASS.match(c.pos[0].const) and c.pos[1].const == "":
            return CLEAN  # re.sub(r"[^a-z0-9]", "", x) keeps only allow-listed characters
        if name in ("re.sub", "regex.sub") and len(c.pos) >= 3 and _no_separators_left(c.pos[0].const, c.pos[1].const):
            # re.sub(r"[^A-Za-z0-9._-]", "_", name): dots stay, but no directory separator does
            return Value(frozenset(f.clear(_PATH) for f in c.pos[2].all_flows()), shape="str")
        if name in _SPLITEXT:
            # os.path.splitext(name): the extension holds no directory separator
            whole = c.pos[0].all_flows() if c.pos else frozenset()
            return Value(fields={0: Value(whole, shape="str"),
                                 1: Value(frozenset(f.clear(_PATH) for f in whole), shape="str")}, shape="tuple")
        if c.receiver is not None and c.receiver.shape.startswith("class:"):
            hit = self._project_call(c, env)  # obj.find() of a project class is no str.find()
            if hit is not None:
                return hit
        # sanitizers
        kinds = model.sanitizers.get(name) or model.sanitizers.get(c.raw_name)
        if kinds is None and c.method:
            kinds = model.sanitizers.get("*." + c.method)
            if kinds is not None and c.method == "name":
                kinds = None
        if kinds is None:
            kinds = model.sanitized_by_name(c.raw_name or name) or None  # get_valid_filename(), slugify()
        if kinds is not None:
            if name in model.app_paths or c.raw_name in model.app_paths:
                self.builds_app_path = True  # a URL of this site, with `_external=True` its absolute form
                if "_external" not in c.kw:
                    return Value(prefix="/", shape=APP_PATH)  # url_for("index"): "/..." on this site
            if ALL in kinds:
                return CLEAN
            base = join(*(v.flat() for v in c.pos), *(v.flat() for v in c.kw.values()),
                        c.receiver.flat() if c.receiver is not None else CLEAN)
            return Value(frozenset(f.clear(kinds) for f in base.all_flows()), shape="str")
        if c.method in self.lib.clean_methods:
            return CLEAN
        # functions of the project
        hit = self._project_call(c, env)
        if hit is not None:
            return hit
        # constructors and well-known shapes
        short = name.rsplit(".", 1)[-1]
        if short in ("Path", "PurePath", "PosixPath", "WindowsPath") and not c.method:
            return Value(join(*c.pos).all_flows(), shape="path")
        if short == "XMLParser":
            unsafe = any(k in c.kw and c.kw[k].const is True for k in ("resolve_entities", "load_dtd"))
            safe = "resolve_entities" in c.kw and c.kw["resolve_entities"].const is False
            return Value(shape="xml-safe" if safe and not unsafe else "xml-unsafe" if unsafe else "xml-parser")
        if name in ("xml.sax.make_parser", "make_parser"):
            return Value(shape="sax")
        if short in self.lib.response_types and not c.method or name in self.lib.response_types:
            return Value(shape="response")
        if short in ("realpath", "abspath", "normpath") and name.startswith(("os.path.", "posixpath.")):
            return Value(frozenset(f.clear(_NORMALIZED) for f in join(*c.pos).all_flows()), shape="normpath")
        if c.method and self._orm_lookup(c) or self._stored_record(c, short):
            return UNKNOWN  # rows found by the input hold the database's data, not the input
        if c.method and not c.pos and model.app_path_methods is not None \
                and model.app_path_methods.search(c.method):
            return Value(prefix="/", shape=APP_PATH)  # obj.get_absolute_url(): the record's page here
        if c.method and c.receiver_node is not None and (rec := model.record_methods.get(c.method)) is not None \
                and rec.search(node_text(c.receiver_node)):
            return UNKNOWN  # form.save(): the record stored
        if c.method and not receiver_is_import(c, self.fa, env):
            return self._method_result(c, env)
        if name in ("dict",) and c.kw:
            return Value(frozenset(), {k: v for k, v in c.kw.items()}, shape="dict")
        if c.raw_name in self.lib.propagating_builtins or name.startswith(self.lib.pure_prefixes):
            v = join(*(x.flat() for x in c.pos), *(x.flat() for x in c.kw.values()), c.splat)
            if name in ("os.path.join", "posixpath.join") and c.pos:
                flows = unmarked(v.all_flows())
                if _fixed_file_suffix(c.pos):
                    flows = frozenset(f.clear(_PATH_LOW) for f in flows)
                return Value(flows, prefix=c.pos[0].prefix if c.pos[0].is_const else None, shape="str")
            return Value(unmarked(v.all_flows()), shape="str" if name in ("str", "format", "repr") else
                         "path" if short.endswith("Path") else BUFFER if name in _BUFFERS else "")
        if name in self.lib.task_results and c.raw_name not in self.fa.functions:
            return CLEAN  # AsyncResult(task_id): the task's own output, which the id only picks
        if name in _OPENERS and c.raw_name not in self.fa.functions and self._judged_safe(c, "path-traversal"):
            return Value(UNKNOWN.flows, shape=OPENED_FILE)  # a file object, from a path proven safe
        if c.raw_name in self.fa.functions or name in self.lib.opaque_results:
            return UNKNOWN
        hosts = model.relative_url_builders.get(name)
        if hosts is not None and not c.pos and c.splat is CLEAN \
                and all(c.kw[k].is_const for k in hosts if k in c.kw):
            v = join(*(x.flat() for x in c.kw.values()))
            return Value(frozenset(f.clear(_URL_PATH_ONLY) for f in v.all_flows()), shape="str")
        url_at = model.request_builders.get(name)
        if url_at is not None:
            # HTTPRequest(url=..., body=request.body): the body and headers go where the URL says
            url = c.kw.get("url") or (c.pos[url_at] if url_at < len(c.pos) else CLEAN)
            rest = join(*(x.flat() for i, x in enumerate(c.pos) if i != url_at),
                        *(x.flat() for k, x in c.kw.items() if k != "url"), c.splat)
            ssrf = frozenset({"ssrf"})
            return Value(url.all_flows() | frozenset(f.clear(ssrf) for f in rest.all_flows()), shape=f"object:{short}")
        # an unknown library call: what goes in may come out, and more
        v = join(*(x.flat() for x in c.pos), *(x.flat() for x in c.kw.values()), c.splat)
        if not c.method and c.node.child_by_field_name("function").type == "identifier" and c.raw_name in env \
                and c.raw_name not in self.fa.imports and c.raw_name not in self.fa.functions \
                and not has_source(env[c.raw_name]):
            # `form = form_cls(request, product)` with form_cls a class picked at run time (a
            # registry's entry, a loop over plugins): an instance of a component
            return Value(v.all_flows() | UNKNOWN.flows, shape=PICKED_INSTANCE)
        if not c.method and short[:1].isupper() and not short.isupper() and c.raw_name in self.fa.imports \
                and not name.startswith(self.lib.sql_text_modules):
            # an instance of an imported class (an SDK's request object), not text
            return Value(v.all_flows() | UNKNOWN.flows, shape=f"object:{short}")
        return Value(v.all_flows() | UNKNOWN.flows)

    def _sql_expression(self, c: Call) -> bool | None:
        """A SQLAlchemy Core builder (library: sql-expression-*) or a method of a statement it built
        (True: its values are bound), a method of one taking SQL text (`prefix_with`: False), or
        neither (None)."""
        lib = self.lib
        if c.method and c.receiver is not None and c.receiver.shape == SQL_EXPRESSION:
            return c.method not in lib.sql_expression_text_methods
        if not c.name.startswith(lib.sql_expression_modules) or c.raw_name in self.fa.functions:
            return None
        return True if any(part in lib.sql_expression_builders for part in c.name.split(".")[1:]) else None

    def _judged_safe(self, c: Call, kind: str) -> bool:
        """The sink check of this very call has just proven it safe for `kind`."""
        v = self.fa.verdicts[-1] if self.fa.verdicts else None
        return v is not None and (v.start, v.end, v.kind) == (c.node.start_byte, c.node.end_byte, kind)

    def _stored_record(self, c: Call, short: str) -> bool:
        """A call out of sight named for a lookup by key (`Files.get_file_by_id(id)`), or a getter
        given an id first (`db.get_book(book_id)`): the record found, not the key it was found by."""
        model = self.model
        if model.storage_lookups is not None and model.storage_lookups.search(short):
            return True
        if model.id_lookups is None or not c.pos_nodes or not model.id_lookups.search(short):
            return False
        return ID_NAME.match(node_text(c.pos_nodes[0]).rsplit(".", 1)[-1]) is not None

    def _orm_lookup(self, c: Call) -> bool:
        """`Model.objects.get(key=value)`, `.filter(...).first()`, `Model.query.filter_by(...)`: a
        lookup through an ORM manager (its receiver chain goes through one), or a query set held
        under any name narrowed by field lookups (`tickets.exclude(id=...)`, `chosen.get(pk=...)`):
        no text, list or dict has such a method taking only keywords."""
        if c.method not in self.lib.orm_lookups or c.receiver_node is None:
            return False
        if ORM_MANAGER.search(node_text(c.receiver_node)) is not None:
            return True
        if not c.kw or c.pos or c.splat.flows:
            return False
        if c.method in _FIELD_FILTERS:
            return True
        return c.method in _RECORD_GETTERS and all(_FIELD_LOOKUP.search(k) for k in c.kw)

    def _method_result(self, c: Call, env: Env) -> Value:
        r = c.receiver if c.receiver is not None else UNKNOWN
        m = c.method
        rname = node_text(c.receiver_node) if c.receiver_node is not None else ""
        args = c.pos
        if r.shape.startswith("object:") and m in self.model.configured_url_methods.get(r.shape[7:], ()):
            # the URL of a service the settings name: the request's data rides in its query string
            out = join(r.flat(), *(a.flat() for a in args), *(v.flat() for v in c.kw.values()))
            return in_query(Value(out.all_flows(), shape="str"))
        if m == "render" and (r.shape.startswith("object:") and not _RAW_RENDERERS.search(r.shape)
                              or r.shape == PICKED_INSTANCE):
            # `plugin.render(context)` of a component class out of sight (a Django/Jinja plugin or
            # widget): it renders its template, autoescaped; a raw template built from text
            # (`jinja2.Template(text).render()`) is not one of them
            out = join(r.flat(), *(a.flat() for a in args), *(v.flat() for v in c.kw.values()))
            return Value(frozenset(f.clear(_XSS) for f in out.all_flows()), shape="str")
        if m in _CONTAINER_ADD and args and c.receiver_node is not None and c.receiver_node.type in ("identifier", "attribute"):
            if r.fields is not None and int_keys(r.fields) and m == "append":
                fields = dict(r.fields)
                fields[len(fields)] = args[0]
                env[rname] = Value(r.flows, fields, shape=r.shape or "list")
            else:
                env[rname] = _grown(r, args[0])
            return Value(const=None)
        if m == "insert" and len(args) >= 2 and c.receiver_node is not None and c.receiver_node.type == "identifier":
            if r.fields is not None and int_keys(r.fields) and args[0].is_const and isinstance(args[0].const, int):
                items = [r.fields[k] for k in sorted(r.fields)]
                items.insert(args[0].const, args[1])
                env[rname] = Value(r.flows, dict(enumerate(items)), shape=r.shape or "list")
            else:
                env[rname] = Value(r.all_flows() | args[1].all_flows(), shape=r.shape)
            return Value(const=None)
        if m == "extend" and args and c.receiver_node is not None and c.receiver_node.type == "identifier":
            if r.fields is not None and args[0].fields is not None and int_keys(r.fields) and int_keys(args[0].fields):
                fields = dict(r.fields)
                for k in sorted(args[0].fields):
                    fields[len(fields)] = args[0].fields[k]
                env[rname] = Value(r.flows | args[0].flows, fields, shape=r.shape)
            else:
                env[rname] = _grown(r, args[0])
            return Value(const=None)
        if m == "update" and c.receiver_node is not None and c.receiver_node.type == "identifier":
            other = args[0] if args else Value(frozenset(), dict(c.kw), shape="dict")
            if r.fields is not None and other.fields is not None:
                fields = dict(r.fields)
                fields.update(other.fields)
                env[rname] = Value(r.flows | other.flows, fields, shape="dict")
            else:
                env[rname] = Value(r.all_flows() | other.all_flows(), shape="dict")
            return Value(const=None)
        if m == "setdefault" and len(args) >= 2 and c.receiver_node is not None and c.receiver_node.type == "identifier":
            if r.fields is not None and args[0].is_const and hashable(args[0].const):
                fields = dict(r.fields)
                fields.setdefault(args[0].const, args[1])
                env[rname] = Value(r.flows, fields, shape="dict")
                return fields[args[0].const]
            env[rname] = Value(r.all_flows() | args[1].all_flows(), shape=r.shape)
            return env[rname].flat()
        if m == "pop" and c.receiver_node is not None and c.receiver_node.type == "identifier" and r.fields is not None:
            fields = dict(r.fields)
            if not args and int_keys(fields) and fields:
                last = max(fields)
                v = fields.pop(last)
                env[rname] = Value(r.flows, fields, shape=r.shape)
                return v
            if args and args[0].is_const and hashable(args[0].const) and args[0].const in fields:
                v = fields.pop(args[0].const)
                if int_keys(r.fields) and isinstance(args[0].const, int):
                    fields = {i: fields[k] for i, k in enumerate(sorted(fields))}
                env[rname] = Value(r.flows, fields, shape=r.shape)
                return v
            return element_of(r)
        if m == "remove" or m == "clear" or m == "discard":
            if m == "clear" and c.receiver_node is not None and c.receiver_node.type == "identifier":
                env[rname] = Value(frozenset(), {} if r.fields is not None else None, shape=r.shape)
            return Value(const=None)
        if m == "get" and r.fields is not None:
            if args and args[0].is_const and hashable(args[0].const):
                if args[0].const in r.fields:
                    return r.fields[args[0].const]
                return join(args[1]) if len(args) > 1 else Value(const=None)
            return join(element_of(r), *(args[1:]))
        if m in ("keys", "values", "items", "copy"):
            if m == "copy":
                return r
            return Value(r.all_flows(), shape="list")
        if m == "replace" and len(args) >= 2:
            old = args[0]
            base = Value(unmarked(r.all_flows() | args[1].all_flows()), prefix=None, shape="str")
            if isinstance(old.const, str) and any(nl in old.const for nl in NEWLINES):
                return base.cleared(frozenset({"header-injection", "log-injection"}))
            if isinstance(old.const, str) and old.const in ("..", "../", "/"):
                return base.cleared(frozenset({"path-traversal"})) if old.const == ".." else base
            return base
        if m in ("format", "format_map"):
            v = join(r.flat(), *(a.flat() for a in args), *(a.flat() for a in c.kw.values()), c.splat)
            prefix = r.const.split("{", 1)[0] if isinstance(r.const, str) else None
            fmt = r.const if isinstance(r.const, str) else ""
            if prefix == "" and fmt.startswith(("{}", "{0}")) and args and args[0].shape == APP_PATH \
                    and not args[0].all_flows():
                # "{}?{}".format(obj.get_absolute_url(), query): a path here, then the literal text
                prefix = "/" + fmt[fmt.index("}") + 1:].split("{", 1)[0]
            elif prefix == "" and fmt.startswith(("{}", "{0}")) and args and args[0].prefix:
                prefix = args[0].prefix  # "{}/{}".format(route, id): the route's fixed start
            if fmt.startswith("{}") and len(args) == 1 and not c.kw and "{" not in fmt[2:] \
                    and not any(x in fmt[2:] for x in ("/", "\\", "..")):
                return Value(v.all_flows(), prefix=prefix, shape="str")  # "{}.thumb.jpg".format(path)
            fixed = _format_host_fixed(fmt, args, c.kw) if m == "format" and c.splat is CLEAN else None
            if fixed is not None:
                return Value(unmarked(r.all_flows() | fixed), prefix=prefix, shape="str")
            return Value(unmarked(v.all_flows()), prefix=prefix, shape="str")
        if m == "join":
            v = join(r.flat(), *(a.flat() for a in args))
            return Value(unmarked(v.all_flows()), shape="str")
        if m in ("splitlines", "split", "rsplit", "partition", "rpartition"):
            if m in ("split", "rsplit") and args and args[0].const == ".":
                dotless = frozenset(f.clear(_NO_DOTS) for f in r.all_flows())
                limit = args[1] if len(args) > 1 else c.kw.get("maxsplit")
                if limit is None or limit.const == -1:
                    return Value(dotless, shape="list")
                if limit.const == 1:
                    # name.rsplit(".", 1): the extension holds no dot, the stem may (split: the other way)
                    whole = Value(r.all_flows(), shape="str")
                    ends = {0: Value(dotless, shape="str"), 1: whole} if m == "split" else \
                        {0: whole, 1: Value(dotless, shape="str")}
                    return Value(frozenset(), ends, shape="list")
            return Value(r.all_flows(), shape="list")
        if m in ("strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold",
                 "encode", "decode", "zfill", "ljust", "rjust", "center", "expandtabs", "swapcase",
                 "removeprefix", "removesuffix", "translate"):
            if m == "translate" and args:
                return Value(r.all_flows(), shape="str")
            keep = r.prefix if m in ("rstrip", "encode", "decode", "removesuffix") else None
            chars = args[0].const if m in ("lstrip", "strip") and args and isinstance(args[0].const, str) else ""
            if "/" in chars and "\\" in chars:
                # `path.lstrip("/\\")`: no leading slash or backslash, so "/" + it is a path of this site
                return Value(r.all_flows(), prefix=keep, shape=NO_LEADING_SLASH)
            return Value(r.all_flows(), prefix=keep, shape="str")
        if m == "resolve":
            return Value(join(r, *args).all_flows(), shape="normpath")
        if m in ("read_text", "read_bytes") and r.shape == "path":
            return Value(UNKNOWN.flows, shape="str")  # the file's content, as open(path).read(): not the name
        if m in ("absolute", "joinpath", "with_name", "with_suffix", "expanduser") and r.shape == "path":
            return Value(join(r, *args).all_flows(), shape="path")
        if m in ("model_dump", "to_dict", "_asdict", "as_dict", "to_json_dict"):
            # a model serialised to a dict (pydantic, dataclass-like records): a view returning it answers JSON
            return Value(join(r, *args, *c.kw.values()).all_flows(), shape="dict")
        if m == "json" and not args and not c.kw:
            return Value(r.all_flows(), shape=JSON_DATA)  # resp.json(): the decoded document
        if m in ("read", "readline", "readlines", "json", "text", "getvalue", "content", "result"):
            return Value(r.all_flows(), shape="str")
        if m == "setFeature" and len(args) >= 2 and args[1].const is True and c.receiver_node is not None \
                and "external" in (node_text(c.pos_nodes[0]) if c.pos_nodes else ""):
            env[rname] = Value(r.flows, shape="sax-unsafe")
            return Value(const=None)
        builtin_type = c.receiver_node is not None and rname in ("bytes", "str", "bytearray", "dict", "list",
                                                                  "int", "float", "tuple", "set")
        if r.shape == UPLOADS and m in ("get", "getlist", "getone", "getfirst"):
            return Value(r.all_flows(), shape=UPLOAD)  # request.files.get("f"): the uploaded file
        if r.shape in ("str", "request") or m in self.lib.propagating_methods or builtin_type:
            # a string method, or one that builds its result from its arguments
            if m == "get" and args:
                referrer = self.referrer_read(r, args[0].const, c.node)
                if referrer is not None:
                    return referrer
            if m in _LOOKUPS and args:
                args = args[1:]  # d.get(key, default): the item found (or the default), never the key
            v = join(r.flat(), *(a.flat() for a in args), *(a.flat() for a in c.kw.values()), c.splat)
            return Value(v.all_flows(), shape="str" if is_request_value(r) else "")
        # a method of an object we do not know (a query, a client, a model): its answer is its own,
        # not the arguments it was asked with
        return Value(r.all_flows() | UNKNOWN.flows)

    def _project_call(self, c: Call, env: Env) -> Value | None:
        receiver_cls = ""
        if c.receiver is not None and c.receiver.shape.startswith("class:"):
            receiver_cls = c.receiver.shape[6:]
        found = self.fa.lookup_function(c.raw_name or c.name, receiver_cls, self.cls)
        if found is None:
            cls_key = c.raw_name if c.raw_name in self.fa.imports or "." not in c.raw_name else ""
            short = (c.raw_name or "").rsplit(".", 1)[-1]
            if short and short[:1].isupper() and self.fa.defines_class(short):
                return Value(join(*c.pos).all_flows() if cls_key is not None else frozenset(), shape=f"class:{short}")
            return None
        key, fn, summary = found
        if summary is None and fn is not None:
            summary = self.fa.summary_for(key, fn, self.depth + 1)
        if summary is None:
            return UNKNOWN
        offset = 1 if summary.is_method and (c.method or c.raw_name.startswith("self.")) else 0
        args_by_param: dict[int, Value] = {}
        for i, v in enumerate(c.pos):
            args_by_param[i + offset] = v
        for k, v in c.kw.items():
            if k in summary.params:
                args_by_param[summary.params.index(k)] = v
        fname = key
        call_step = Step(c.node.start_byte, c.node.end_byte, f"passed to {fname}()")
        # sinks inside the function
        same_file = fn is not None
        passed = set(args_by_param)
        reached = self._specialized(key, fn, summary, args_by_param) if same_file and summary.sinks else None
        for idx, (param, kind, line, sink_name, cleared) in enumerate(summary.sinks):
            v = args_by_param.get(param)
            if v is None or kind == "open-redirect" and on_this_site(v):
                continue  # a path of this site ("/downloads/" + name) handed to a redirecting helper
            if reached is not None and idx < len(summary.sink_ranges) \
                    and (param, kind, summary.sink_ranges[idx][0]) not in reached:
                continue  # _finish(data, content_type="json"): with the constants given, no sink
            flags = summary.sink_flags[idx] if idx < len(summary.sink_flags) else frozenset()
            if flags and not (flags & passed) and not _has_splat(c.node):
                continue  # load(path) reaches the sink only with `from_setup=True`, which it does not pass
            for f in ordered(v.all_flows()):
                if kind in f.cleared or ALL in f.cleared:
                    continue
                f2 = f.clear(cleared) if cleared else f
                if kind in f2.cleared:
                    continue
                if f2.origin.kind == "source":
                    if same_file and idx < len(summary.sink_ranges):
                        s, e = summary.sink_ranges[idx]
                        self.fa.hits.append(Hit(kind, f2.add_step(call_step), s, e, sink_name))
                    else:
                        self.fa.hits.append(Hit(kind, f2, c.node.start_byte, c.node.end_byte, sink_name,
                                                path=summary.path, line=line, via=(call_step,)))
                elif f2.origin.kind == "param":
                    self.param_hits.append(Hit(kind, f2, c.node.start_byte, c.node.end_byte,
                                               f"{fname}() → {sink_name}"))
        for i, j in summary.stores:
            target = c.pos_nodes[j - offset] if 0 <= j - offset < len(c.pos_nodes) else None
            value = args_by_param.get(i)
            if target is not None and value is not None and target.type in ("identifier", "attribute"):
                self.check_store_sink(target, target, value, env, at=c.node)
        if summary.elements:
            fields = {i: self._returned(c, summary, part.returns, part.sources, part.unknown, args_by_param,
                                        offset, fname, call_step) for i, part in enumerate(summary.elements)}
            for i, part in enumerate(summary.elements):
                if part.shape:  # an instance of an imported class (`return url, Client(...)`)
                    fields[i] = Value(fields[i].flows, fields[i].fields, shape=part.shape)
            return Value(frozenset(), fields, shape="tuple")
        return self._returned(c, summary, summary.returns, summary.returns_sources, summary.returns_unknown,
                              args_by_param, offset, fname, call_step)

    def _specialized(self, key: str, fn: Node, summary, args_by_param: dict[int, Value]) -> set[tuple] | None:
        """The sinks a helper of this file reaches with the constants this call gives it (or leaves
        at their constant defaults), when request data goes into one of its sinks: None when no
        constant takes part or the run cannot tell."""
        if self.depth + 1 > MAX_SPECIALIZE_DEPTH or key in self.fa._in_progress:
            return None
        sink_params = {p for p, *_ in summary.sinks}
        if not any(has_source(v) for p, v in args_by_param.items() if p in sink_params):
            return None
        consts: dict[int, Value] = {i: v for i, v in args_by_param.items()
                                    if i not in sink_params and v.is_const and hashable(v.const)}
        plist = fn.child_by_field_name("parameters")
        for i, p in enumerate(self.fa.parameter_nodes(plist)):
            if i in args_by_param or i in sink_params:
                continue
            v = constant_default(p, self)
            if v is not None:
                consts[i] = v
        if not consts:
            return None
        return self.fa.reached_with(key, fn, consts, self.depth + 1)

    def _returned(self, c: Call, summary, returns: dict[int, frozenset[str]], sources, unknown: bool,
                  args_by_param: dict[int, Value], offset: int, fname: str, call_step: Step) -> Value:
        """The value a call returns, from (a part of) its summary and the arguments."""
        flows: set[Flow] = set()
        for param, cleared in returns.items():
            v = args_by_param.get(param)
            if v is None:
                if param < len(summary.params) and summary.params[param] in ("args", "kwargs"):
                    v = join(*c.pos[max(0, param - offset):], c.splat)
                else:
                    continue
            for f in v.all_flows():
                flows.add(f.clear(cleared).add_step(call_step) if f.origin.kind != "unknown" else f)
        for label, kind in sources:
            origin = Origin("source", f"{label} (returned by {fname}())", kind, c.node.start_byte, c.node.end_byte)
            flows.add(Flow(origin))
        if unknown:
            flows.add(UNKNOWN_FLOW)
        return Value(frozenset(flows), shape=summary.returns_shape or ("str" if sources else ""))

# renderers that take only a template's name (never its source text): a name that is no input is a file
_NAME_ONLY_RENDERERS = frozenset({"render_to_string", "render_template", "render_to_response", "TemplateResponse",
                                  "SimpleTemplateResponse"})
# Django's loaders and a Django template engine's (`engines["jinja2"]`, `self.engine`): they load files
# with the engine's autoescaping; a bare Jinja Environment autoescapes only when configured to
_TEMPLATE_LOADERS = frozenset({"get_template", "select_template"})
_TEMPLATE_LOADER_NAMES = frozenset({"django.template.loader.get_template", "django.template.loader.select_template",
                                    "loader.get_template", "loader.select_template"})
_ENGINE_RECEIVER = LazyPattern(r"(?:^|\.)engine$|^engines\[")
TEMPLATE_FILE_SHAPE = "template-file"


def _rendered(c: Call, context: list[Value]) -> Value:
    """A file template rendered with these context values: their text is escaped."""
    base = join(*(v.flat() for v in context), *(v.flat() for k, v in c.kw.items() if k != "template_name"), c.splat)
    return Value(frozenset(f.clear(_XSS) for f in base.all_flows()), shape="str")


def _template_files(v: Value) -> bool:
    """A template named by a constant file name, or by one of several ("a.html" if x else "b.html")."""
    names = (v.const,) if isinstance(v.const, str) else v.choices or ()
    return bool(names) and all(TEMPLATE_FILE.match(n) for n in names)


def _format_host_fixed(fmt: str, args: list[Value], kw: dict[str, Value]) -> frozenset[Flow] | None:
    """`"{}/{}".format(base_url, path)`: the flows of a format whose first field is a clean base
    followed by a path separator (as `host_fixed_flows`); None otherwise."""
    texts, values, auto = [""], [], 0
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return None
    for text, field, _spec, _conv in fields:
        texts[-1] += text
        if field is None:
            continue
        name = field.split(".", 1)[0].split("[", 1)[0]
        if name == "":
            name, auto = str(auto), auto + 1
        v = args[int(name)] if name.isdigit() and int(name) < len(args) else kw.get(name)
        if v is None:
            return None
        values.append(v)
        texts.append("")
    return formatted_host_fixed(texts, values)


@dataclass
class Call:
    """A call as evaluated: its resolved name, receiver and argument values (with their nodes)."""

    node: Any
    name: str
    raw_name: str
    method: str
    receiver: Value | None
    receiver_node: Any
    pos: list[Value]
    pos_nodes: list[Any]
    kw: dict[str, Value]
    kw_nodes: dict[str, Any]
    splat: Value



def _has_splat(node: Node) -> bool:
    """The call passes `*args` or `**kwargs`: which parameters it fills is unknown."""
    args = node.child_by_field_name("arguments")
    return args is not None and any(a.type in ("list_splat", "dictionary_splat") for a in args.named_children)


def receiver_is_module(c: Call, fa: FileAnalysis) -> bool:
    if c.receiver_node is None:
        return False
    head = node_text(c.receiver_node).split(".")[0]
    return c.receiver_node.type in ("identifier", "attribute") and head in fa.imports and \
        fa.imports[head] in fa.library.function_modules


def suffix_match(pattern: str, name: str) -> bool:
    if not pattern.startswith("*."):
        return pattern == name
    suffix = pattern[1:]
    return name.endswith(suffix) or ("." + name).endswith(suffix)



_FOLDABLE_METHODS = {"upper", "lower", "strip", "lstrip", "rstrip", "title", "capitalize", "casefold",
                     "startswith", "endswith", "replace", "count", "find", "isdigit", "isalpha", "isalnum",
                     "zfill", "join", "split"}
_FOLDABLE_FUNCS = {"len": len, "int": int, "str": str, "abs": abs, "min": min, "max": max, "bool": bool,
                   "float": float, "round": round}


def fold_call(c: Call) -> Value | None:
    """A call on constants that Python would compute the same way every time."""
    if any(not v.is_const for v in c.pos) or c.kw:
        return None
    args = [v.const for v in c.pos]
    if any(not isinstance(a, (str, int, float, tuple)) or isinstance(a, str) and len(a) > 1000 for a in args):
        return None
    try:
        if c.method and c.receiver is not None and c.receiver.is_const and isinstance(c.receiver.const, str):
            if c.method in _FOLDABLE_METHODS:
                r = getattr(c.receiver.const, c.method)(*args)
                if isinstance(r, list):
                    return None
                return Value(const=r, prefix=r if isinstance(r, str) else None, shape="str" if isinstance(r, str) else "")
            return None
        fn = _FOLDABLE_FUNCS.get(c.raw_name)
        if fn is not None and not c.method and args:
            r = fn(*args)
            return Value(const=r, prefix=r if isinstance(r, str) else None)
    except (TypeError, ValueError, OverflowError):
        return None
    return None


def receiver_is_import(c: Call, fa: FileAnalysis, env: Env) -> bool:
    """shlex.split(x) is a function of a module, not a method of a value."""
    n = c.receiver_node
    if n is None or n.type not in ("identifier", "attribute"):
        return False
    text = node_text(n)
    head = text.split(".")[0]
    return head in fa.modules and head not in env and text not in env


def _grown(container: Value, added: Value) -> Value:
    """A container that grew by items of unknown number (`cmd.extend(args)`): an argv list keeps its
    program (its first item, when constant), as `["git", "log"] + args` does."""
    program = container.prefix
    if container.fields is not None and int_keys(container.fields) and container.fields:
        head = container.fields[min(container.fields)]
        program = head.const if head.is_const and isinstance(head.const, str) else None
    return Value(container.all_flows() | added.all_flows(),
                 prefix=program if container.shape in ("list", "tuple") else None, shape=container.shape)
