"""Intra-procedural taint flow over the tree-sitter tree, with function summaries.

One `FileAnalysis` per document: it reads the imports and the definitions of the
file, evaluates the module body (for constants and scripts), then every function
whose text mentions a source or a sink. Statements are walked in order; branches
are joined, except where the condition is a compile-time constant; loops run
twice; guards (allow-lists, containment checks) clear the guarded name in the
branch where they hold. A call to a function of the project uses its summary:
which parameters reach the return value or a sink, and whether it returns a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from railguard.engine.taint.model import ALL, SinkSpec, TaintModel
from railguard.engine.taint.values import (
    CLEAN,
    NOCONST,
    UNKNOWN,
    UNKNOWN_FLOW,
    Flow,
    Origin,
    Step,
    Value,
    join,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document

MAX_EVALS_PER_FUNCTION = 40000
MAX_SUMMARY_DEPTH = 4
ALL_KINDS = frozenset({ALL})

_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[hlL]?([a-zA-Z%])")
_PINNED_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*://[^/?#]+[/?#]|/[^/\\])")
_SHELLS = {"sh", "bash", "/bin/sh", "/bin/bash", "zsh", "/bin/zsh", "cmd", "cmd.exe", "powershell",
           "pwsh", "/usr/bin/env"}
_CONTAINER_ADD = {"append", "add", "appendleft"}
_STR_CLEAN_METHODS = {"isdigit", "isalnum", "isalpha", "isnumeric", "isdecimal", "isidentifier",
                      "startswith", "endswith", "count", "index", "find", "rfind", "islower", "isupper",
                      "isspace", "exists", "is_file", "is_dir", "hexdigest", "digest", "__len__"}
# library functions whose result is made of their arguments only (nothing from elsewhere)
_PURE_PREFIXES = ("os.path.", "posixpath.", "ntpath.", "string.", "textwrap.", "str.", "pathlib.",
                  "shlex.", "json.", "base64.", "urllib.parse.", "html.", "re.", "copy.", "pickle.dumps",
                  "marshal.dumps", "zlib.", "gzip.compress", "gzip.decompress", "binascii.", "codecs.encode",
                  "codecs.decode", "io.BytesIO", "io.StringIO", "struct.pack", "unicodedata.")
_BUILTIN_PROPAGATE = {"str", "repr", "format", "list", "tuple", "set", "frozenset", "dict", "sorted",
                      "reversed", "min", "max", "next", "iter", "enumerate", "zip", "filter", "map",
                      "bytes", "bytearray", "memoryview", "getattr", "vars", "print", "sum", "any", "all",
                      "Path", "PurePath", "PosixPath", "super", "chr"}
# the result does not carry the arguments' data: a file opened by name holds the file's content
_OPAQUE_RESULTS = {"open", "io.open", "codecs.open", "os.open", "os.stat", "os.listdir", "glob.glob",
                   "os.path.getsize", "os.path.getmtime", "time.sleep",
                   # a row found by the input is the database's data, not the input
                   "get_object_or_404", "django.shortcuts.get_object_or_404", "get_list_or_404",
                   "django.shortcuts.get_list_or_404"}
_EXITS = {"abort", "flask.abort", "sys.exit", "exit", "quit", "os._exit", "raise_404", "Http404",
          "django.http.Http404", "HTTPException", "fastapi.HTTPException", "PermissionDenied",
          "werkzeug.exceptions.abort"}
_NEWLINES = ("\n", "\r")
_PROPAGATING_METHODS = {"sub", "subn", "format", "format_map", "join", "replace", "render", "substitute",
                        "safe_substitute", "encode", "decode", "dumps", "quote", "urljoin", "copy", "strip",
                        "search", "match", "fullmatch", "findall", "split", "group", "groups", "to_dict",
                        "getlist", "get", "pop", "items", "values", "keys", "lower", "upper"}
_ID_NAME = re.compile(r"^(?:pk|id|\w+_id|\w+_pk|year|month|day|page)$")  # Django's <int:pk> and friends
_ALLOW_LIST_CLASS = re.compile(r"^\[\^(?:[\w\-]|\\[wd])+\][+*]?$")


@dataclass
class Hit:
    """A tainted value reaching a sink."""

    kind: str
    flow: Flow
    sink_start: int
    sink_end: int
    sink_name: str
    path: str = ""  # the sink's file when it lies in another file (cross-file summary)
    line: int = -1
    via: tuple[Step, ...] = ()


@dataclass
class Verdict:
    """A sink whose dangerous arguments are proven safe (constant, sanitised, allow-listed)."""

    start: int
    end: int
    kind: str


@dataclass
class Summary:
    """What a function does with its parameters (JSON-friendly through to_json/from_json)."""

    params: tuple[str, ...] = ()
    returns: dict[int, frozenset[str]] = field(default_factory=dict)  # param -> kinds cleared on the way
    returns_unknown: bool = True
    returns_sources: tuple[tuple[str, str], ...] = ()  # (label, source kind)
    sinks: tuple[tuple[int, str, int, str, frozenset[str]], ...] = ()  # (param, kind, line, sink, cleared)
    sink_ranges: tuple[tuple[int, int], ...] = ()  # same-file sink byte ranges, parallel to sinks
    stores: tuple[tuple[int, int], ...] = ()  # (i, j): parameter i is stored as an item of parameter j
    path: str = ""
    is_method: bool = False

    def to_json(self) -> dict:
        return {
            "p": list(self.params), "r": {str(k): sorted(v) for k, v in self.returns.items()},
            "u": self.returns_unknown, "s": [list(s) for s in self.returns_sources],
            "k": [[i, k, line, name, sorted(c)] for i, k, line, name, c in self.sinks],
            "f": self.path, "m": self.is_method, "t": [list(x) for x in self.stores],
        }

    @classmethod
    def from_json(cls, d: dict) -> Summary:
        return cls(
            params=tuple(d.get("p", ())),
            returns={int(k): frozenset(v) for k, v in d.get("r", {}).items()},
            returns_unknown=bool(d.get("u", True)),
            returns_sources=tuple((a, b) for a, b in d.get("s", ())),
            sinks=tuple((i, k, line, name, frozenset(c)) for i, k, line, name, c in d.get("k", ())),
            path=d.get("f", ""), is_method=bool(d.get("m", False)),
            stores=tuple((a, b) for a, b in d.get("t", ())),
        )

    def is_default(self) -> bool:
        """Parameters flow to the return untouched and nothing else happens: no need to ship it."""
        n = len(self.params)
        return (not self.sinks and not self.returns_sources and self.returns_unknown and not self.stores
                and set(self.returns) == set(range(n)) and not any(self.returns.values()))


class BudgetExceeded(Exception):
    pass


class Env(dict):
    """name -> Value; copies are shallow (values are immutable)."""

    def copy(self) -> Env:
        return Env(self)


def join_envs(envs: list[Env]) -> Env:
    envs = [e for e in envs if e is not None]
    if not envs:
        return Env()
    if len(envs) == 1:
        return envs[0].copy()
    first = envs[0]
    out = Env(first)
    keys = set().union(*envs)
    for k in keys:
        v0 = first.get(k)
        if v0 is not None and all(e.get(k) is v0 for e in envs):
            continue
        vals = [e[k] for e in envs if k in e]
        # a name bound only on some paths may still hold its earlier (unknown) value
        out[k] = join(*vals) if len(vals) == len(envs) else join(*vals, _unbound(k))
    return out


def _unbound(name: str) -> Value:
    return CLEAN


def _text(node: Node) -> str:
    return node.text.decode("utf-8", "surrogateescape") if node.text is not None else ""


def string_literal(node: Node) -> str | None:
    """The content of a plain (non-f) string literal, or None."""
    if node.type == "concatenated_string":
        parts = [string_literal(c) for c in node.named_children]
        return None if any(p is None for p in parts) else "".join(parts)
    if node.type != "string":
        return None
    start = node.child(0)
    if start is not None and "f" in _text(start).lower():
        if not any(c.type == "interpolation" for c in node.children):
            pass
        else:
            return None
    out = []
    for c in node.children:
        if c.type == "string_content":
            out.append(_unescape(_text(c), start is not None and "r" in _text(start).lower()))
        elif c.type == "escape_sequence":
            out.append(_unescape(_text(c), False))
        elif c.type == "interpolation":
            return None
    return "".join(out)


def _unescape(s: str, raw: bool) -> str:
    if raw or "\\" not in s:
        return s
    return (s.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\'", "'")
            .replace('\\"', '"').replace("\\\\", "\\"))


class FileAnalysis:
    """Taint analysis of one Python document."""

    def __init__(self, doc: Document, model: TaintModel, project: dict[str, Summary] | None = None,
                 module_name: str = "") -> None:
        self.doc = doc
        self.model = model
        self.project = project or {}
        self.module_name = module_name
        self.imports: dict[str, str] = {}
        self.modules: set[str] = set()  # local names bound to modules (not to objects of a module)
        self.functions: dict[str, Node] = {}  # "name" and "Class.name" -> function_definition
        self.function_class: dict[int, str] = {}  # function node id -> class name
        self.decorators: dict[int, list[Node]] = {}
        self.globals = Env()
        self.hits: list[Hit] = []
        self.verdicts: list[Verdict] = []
        self.dead: list[tuple[int, int]] = []  # byte ranges that never run (constant conditions)
        self.summaries: dict[str, Summary] = {}
        self._in_progress: set[str] = set()
        self._is_fastapi = False
        self._index()

    # ------------------------------------------------------------------ indexing

    def _index(self) -> None:
        root = self.doc.tree.root_node
        stack = [(root, "")]
        while stack:
            node, cls = stack.pop()
            for c in node.named_children:
                t = c.type
                if t in ("import_statement", "import_from_statement", "future_import_statement"):
                    self._add_import(c)
                elif t == "decorated_definition":
                    d = c.child_by_field_name("definition")
                    if d is not None:
                        decs = [x for x in c.named_children if x.type == "decorator"]
                        self.decorators[d.id] = decs
                        stack.append((_wrap(c, d), cls))
                elif t == "function_definition":
                    name = _text(c.child_by_field_name("name"))
                    key = f"{cls}.{name}" if cls else name
                    self.functions.setdefault(key, c)
                    if cls:
                        self.function_class[c.id] = cls
                    body = c.child_by_field_name("body")
                    if body is not None:
                        stack.append((body, ""))
                elif t == "class_definition":
                    body = c.child_by_field_name("body")
                    if body is not None:
                        stack.append((body, _text(c.child_by_field_name("name"))))
                elif t in ("block", "if_statement", "try_statement", "with_statement", "else_clause",
                           "elif_clause", "except_clause", "finally_clause", "_wrapped"):
                    stack.append((c, cls))
        self._is_fastapi = any(v.startswith(("fastapi", "starlette")) for v in self.imports.values())
        roots = {v.split(".")[0] for v in self.imports.values()}
        self.web = bool(roots & self.model.web_frameworks)

    def _add_import(self, node: Node) -> None:
        if node.type == "import_statement":
            for c in node.named_children:
                if c.type == "dotted_name":
                    name = _text(c)
                    self.imports[name.split(".")[0]] = name.split(".")[0]
                    self.imports[name] = name
                    self.modules.add(name.split(".")[0])
                elif c.type == "aliased_import":
                    alias = _text(c.child_by_field_name("alias"))
                    self.imports[alias] = _text(c.child_by_field_name("name"))
                    self.modules.add(alias)
            return
        module_node = node.child_by_field_name("module_name")
        module = _text(module_node) if module_node is not None else ""
        if module.startswith("."):
            # relative to this file's package: `from .helpers import x` in a.b.app -> a.b.helpers
            level = len(module) - len(module.lstrip("."))
            package = self.module_name.split(".")[:-level] if self.module_name else []
            rest = module.lstrip(".")
            module = ".".join(package + ([rest] if rest else []))
        for c in node.named_children:
            if c is module_node:
                continue
            if c.type == "dotted_name":
                n = _text(c)
                self.imports[n] = f"{module}.{n}" if module else n
            elif c.type == "aliased_import":
                n = _text(c.child_by_field_name("name"))
                self.imports[_text(c.child_by_field_name("alias"))] = f"{module}.{n}" if module else n
        for local, full in self.imports.items():
            if full in _KNOWN_MODULES:
                self.modules.add(local)

    def resolve(self, dotted: str) -> str:
        head, _, rest = dotted.partition(".")
        full = self.imports.get(head)
        if full is None:
            return dotted
        return f"{full}.{rest}" if rest else full

    # ------------------------------------------------------------------ entry points

    def run(self, entry_filter=None, module_body: bool = True) -> None:
        """Evaluate the module body (all of it, or only its plain statements: constants), then the
        functions that entry_filter selects; what they call in this file is summarised on demand."""
        root = self.doc.tree.root_node
        module_fn = _FunctionRun(self, None, (), {})
        stmts = root.named_children if module_body else [
            c for c in root.named_children if c.type == "expression_statement"]
        try:
            module_fn.exec_block(stmts, module_fn.env)
        except BudgetExceeded:
            pass
        self.globals = module_fn.env
        for key, fn in list(self.functions.items()):
            if entry_filter is not None and not entry_filter(fn):
                continue
            self.summary_for(key, fn)

    def summary_for(self, key: str, fn: Node, depth: int = 0) -> Summary | None:
        if key in self.summaries:
            return self.summaries[key]
        if key in self._in_progress or depth > MAX_SUMMARY_DEPTH:
            return None
        self._in_progress.add(key)
        try:
            summary = self._analyze_function(key, fn, depth)
        finally:
            self._in_progress.discard(key)
        self.summaries[key] = summary
        return summary

    def _analyze_function(self, key: str, fn: Node, depth: int) -> Summary:
        params, env, is_method = self._bind_parameters(fn)
        run = _FunctionRun(self, fn, params, env, depth=depth)
        body = fn.child_by_field_name("body")
        try:
            if body is not None:
                run.exec_block(body.named_children, run.env)
        except BudgetExceeded:
            return Summary(params=tuple(params), returns={i: frozenset() for i in range(len(params))},
                           path=self.doc.path, is_method=is_method)
        route = self._route_decorator(fn) if self.web else None
        if route is not None and (not self._is_fastapi or "HTMLResponse" in _text(route)):
            for value, node in run.returned:
                run.check_route_return(value, node)
        ret = join(*[v for v, _ in run.returned]) if run.returned else CLEAN
        returns: dict[int, frozenset[str]] = {}
        sources: list[tuple[str, str]] = []
        unknown = False
        for f in ret.all_flows():
            o = f.origin
            if o.kind == "param":
                returns[o.param] = returns[o.param] & f.cleared if o.param in returns else f.cleared
            elif o.kind == "source" and not f.cleared:
                sources.append((o.label, o.source_kind))
            elif o.kind == "unknown":
                unknown = True
        sinks = []
        ranges = []
        for h in run.param_hits:
            sinks.append((h.flow.origin.param, h.kind, self.doc.position_at(h.sink_start).line if h.line < 0 else h.line,
                          h.sink_name, h.flow.cleared))
            ranges.append((h.sink_start, h.sink_end))
        return Summary(params=tuple(params), returns=returns, returns_unknown=unknown,
                       returns_sources=tuple(dict.fromkeys(sources))[:3], sinks=tuple(sinks)[:12],
                       sink_ranges=tuple(ranges)[:12], path=self.doc.path, is_method=is_method,
                       stores=tuple(dict.fromkeys(run.param_stores))[:8])

    # ------------------------------------------------------------------ parameters and routes

    def _route_decorator(self, fn: Node) -> Node | None:
        for dec in self.decorators.get(fn.id, ()):
            expr = dec.named_children[0] if dec.named_children else None
            if expr is not None and expr.type == "call":
                f = expr.child_by_field_name("function")
                if f is not None and f.type == "attribute":
                    attr = _text(f.child_by_field_name("attribute"))
                    if attr in self.model.route_decorators:
                        return expr
        return None

    def _is_route(self, fn: Node) -> bool:
        return self._route_decorator(fn) is not None

    def is_handler(self, fn: Node) -> bool:
        """A web handler: a route function, or a view that takes the request."""
        if not self.web:
            return False
        if self._route_decorator(fn) is not None:
            return True
        plist = fn.child_by_field_name("parameters")
        if plist is None:
            return False
        for p in plist.named_children[:2]:
            name = p if p.type == "identifier" else (p.named_children[0] if p.named_children else None)
            if name is not None and _text(name) in ("request", "req"):
                return True
        return False

    def _bind_parameters(self, fn: Node) -> tuple[list[str], Env, bool]:
        params: list[str] = []
        env = Env()
        is_method = fn.id in self.function_class
        plist = fn.child_by_field_name("parameters")
        route = self._route_decorator(fn) if self.web else None
        route_text = _text(route) if route is not None else ""
        int_params = set(re.findall(r"<(?:int|float|uuid):(\w+)>", route_text))
        nodes = plist.named_children if plist is not None else []
        names = []
        for p in nodes:
            name_node = p.child_by_field_name("name") if p.type not in ("identifier",) else p
            if p.type == "typed_parameter":
                name_node = p.named_children[0] if p.named_children else None
            if p.type in ("list_splat_pattern", "dictionary_splat_pattern"):
                name_node = p.named_children[0] if p.named_children else None
            if name_node is None or name_node.type != "identifier":
                continue
            names.append((p, _text(name_node), name_node))
        first_is_request = self.web and bool(names) and names[0][1] in ("request", "req") or self.web and (
            len(names) > 1 and names[0][1] in ("self", "cls") and names[1][1] in ("request", "req"))
        for i, (p, name, name_node) in enumerate(names):
            params.append(name)
            if i == 0 and is_method and name in ("self", "cls"):
                env[name] = CLEAN
                continue
            if name in ("request", "req"):
                env[name] = CLEAN
                continue
            ann = p.child_by_field_name("type")
            ann_text = _text(ann) if ann is not None else ""
            default = p.child_by_field_name("value")
            default_text = _text(default) if default is not None else ""
            is_route_param = route is not None or (first_is_request and not is_method and i > 0) or (
                first_is_request and is_method and i > 1 and names[0][1] == "self")
            if is_route_param and p.type not in ("dictionary_splat_pattern",):
                safe = (name in int_params or _annotation_is_safe(ann_text, self.model)
                        or default_text.startswith("Depends")
                        or (route is None and _ID_NAME.match(name) is not None))
                if safe:
                    env[name] = CLEAN
                    continue
                marker = default_text.split("(")[0] if default_text else ""
                label = f"{marker}() parameter {name}" if marker in self.model.fastapi_markers else f"route parameter {name}"
                origin = Origin("source", label, "route-param", name_node.start_byte, name_node.end_byte)
                env[name] = Value(frozenset({Flow(origin)}), prefix="", shape="str")
                continue
            origin = Origin("param", f"parameter {name}", "", name_node.start_byte, name_node.end_byte, param=i)
            env[name] = Value(frozenset({Flow(origin)}))
        return params, env, is_method

    # ------------------------------------------------------------------ summaries across functions

    def lookup_function(self, name: str, receiver_cls: str = "", current_cls: str = ""):
        """(key, node or None, summary or None) for a call name, or None."""
        if receiver_cls:
            key = f"{receiver_cls}.{name.rsplit('.', 1)[-1]}"
            if key in self.functions:
                return key, self.functions[key], None
            s = self.project.get(key)
            return (key, None, s) if s is not None else None
        if name.startswith("self.") and current_cls and name.count(".") == 1:
            key = f"{current_cls}.{name[5:]}"
            if key in self.functions:
                return key, self.functions[key], None
            return None
        if name in self.functions and "." not in name:
            return name, self.functions[name], None
        resolved = self.resolve(name)
        for candidate in (resolved, name):
            s = self.project.get(candidate)
            if s is not None:
                return candidate, None, s
        tail = resolved.split(".")
        if len(tail) >= 2:
            s = self.project.get(".".join(tail[-2:]))
            if s is not None:
                return ".".join(tail[-2:]), None, s
        return None


def _wrap(decorated: Node, definition: Node):
    """Index the definition of a decorated definition as if it stood alone."""

    class _W:
        type = "_wrapped"
        named_children = [definition]
    return _W()


def _annotation_is_safe(ann: str, model: TaintModel) -> bool:
    if not ann:
        return False
    base = ann.replace("Optional[", "").replace("]", "").split("|")[0].strip()
    if base.startswith("Annotated["):
        base = base[len("Annotated["):].split(",")[0].strip()
    return base in model.safe_annotations or base.split(".")[-1] in model.safe_annotations


class _FunctionRun:
    """Abstract interpretation of one function body (or the module body)."""

    def __init__(self, fa: FileAnalysis, fn: Node | None, params, env: Env, depth: int = 0) -> None:
        self.fa = fa
        self.model = fa.model
        self.doc = fa.doc
        self.fn = fn
        self.params = params
        self.env = Env(env)
        self.depth = depth
        self.returned: list[tuple[Value, Node]] = []
        self.param_hits: list[Hit] = []
        self.evals = 0
        self.cls = fa.function_class.get(fn.id, "") if fn is not None else ""
        self.param_stores: list[tuple[int, int]] = []  # (param stored, param whose item it becomes)
        self.url_parts: dict[str, str] = {}  # host = urlparse(url).hostname: host -> url
        self.is_module = fn is None

    # ------------------------------------------------------------------ statements

    def exec_block(self, stmts, env: Env) -> Env | None:
        """Run statements; returns the environment after them, or None when every path left."""
        for s in stmts:
            env = self.exec_stmt(s, env)
            if env is None:
                return None
        return env

    def exec_stmt(self, s: Node, env: Env) -> Env | None:
        t = s.type
        if t == "expression_statement":
            for c in s.named_children:
                self.eval(c, env)
                if c.type == "call" and self._is_exit_call(c):
                    return None
            return env
        if t == "return_statement":
            value = s.named_children[0] if s.named_children else None
            v = self.eval(value, env) if value is not None else CLEAN
            self.returned.append((v, value if value is not None else s))
            return None
        if t == "raise_statement":
            for c in s.named_children:
                self.eval(c, env)
            return None
        if t in ("continue_statement", "break_statement"):
            return None
        if t == "if_statement":
            return self.exec_if(s, env)
        if t == "for_statement":
            return self.exec_for(s, env)
        if t == "while_statement":
            return self.exec_while(s, env)
        if t == "try_statement":
            return self.exec_try(s, env)
        if t == "with_statement":
            for clause in s.named_children:
                if clause.type == "with_clause":
                    for item in clause.named_children:
                        val = item.child_by_field_name("value") or (item.named_children[0] if item.named_children else None)
                        if val is None:
                            continue
                        if val.type == "as_pattern":
                            expr = val.named_children[0]
                            target = val.child_by_field_name("alias")
                            v = self.eval(expr, env)
                            if target is not None:
                                for tn in target.named_children or [target]:
                                    self.bind(tn, v, env, s)
                        else:
                            self.eval(val, env)
            body = s.child_by_field_name("body")
            return self.exec_block(body.named_children, env) if body is not None else env
        if t == "decorated_definition" or t == "function_definition" or t == "class_definition":
            if self.is_module and t == "class_definition":
                return env
            return env
        if t == "assert_statement":
            cond = s.named_children[0] if s.named_children else None
            if cond is not None:
                self.eval(cond, env)
                return self.apply_guard(cond, env, True)
            return env
        if t == "match_statement":
            subject = s.child_by_field_name("subject")
            if subject is not None:
                self.eval(subject, env)
            body = s.child_by_field_name("body")
            outs = [env.copy()]
            if body is not None:
                for case in body.named_children:
                    cons = case.child_by_field_name("consequence")
                    if cons is not None:
                        outs.append(self.exec_block(cons.named_children, env.copy()))
            return join_envs(outs)
        if t == "delete_statement":
            return env
        if t in ("import_statement", "import_from_statement", "future_import_statement"):
            return env
        if t == "block":
            return self.exec_block(s.named_children, env)
        return env

    def _is_exit_call(self, call: Node) -> bool:
        f = call.child_by_field_name("function")
        return f is not None and self.fa.resolve(_text(f)) in _EXITS or (f is not None and _text(f) in _EXITS)

    def exec_if(self, s: Node, env: Env) -> Env | None:
        clauses: list[tuple[Node | None, Node]] = []
        cond = s.child_by_field_name("condition")
        cons = s.child_by_field_name("consequence")
        clauses.append((cond, cons))
        for alt in s.children_by_field_name("alternative"):
            if alt.type == "elif_clause":
                clauses.append((alt.child_by_field_name("condition"), alt.child_by_field_name("consequence")))
            elif alt.type == "else_clause":
                clauses.append((None, alt.child_by_field_name("body")))
        outs: list[Env | None] = []
        current = env
        has_else = False
        for cond, body in clauses:
            if cond is None:
                has_else = True
                outs.append(self.exec_block(body.named_children, current.copy()) if body is not None else current)
                break
            cv = self.eval(cond, current)
            if cv.is_const:
                if cv.const:
                    outs.append(self.exec_block(body.named_children, self.apply_guard(cond, current.copy(), True))
                                if body is not None else current)
                    has_else = True
                    self._mark_dead_after(clauses, cond)
                    break
                if body is not None:  # a dead branch: nothing in it runs
                    self.fa.dead.append((body.start_byte, body.end_byte))
                continue
            branch_env = self.apply_guard(cond, current.copy(), True)
            outs.append(self.exec_block(body.named_children, branch_env) if body is not None else branch_env)
            current = self.apply_guard(cond, current.copy(), False)
        if not has_else:
            outs.append(current)
        live = [o for o in outs if o is not None]
        if not live:
            return None
        return join_envs(live)

    def _mark_dead_after(self, clauses, cond) -> None:
        seen = False
        for c, body in clauses:
            if seen and body is not None:
                self.fa.dead.append((body.start_byte, body.end_byte))
            if c is cond:
                seen = True

    def exec_for(self, s: Node, env: Env) -> Env | None:
        right = s.child_by_field_name("right")
        left = s.child_by_field_name("left")
        body = s.child_by_field_name("body")
        it = self.eval(right, env) if right is not None else UNKNOWN
        elem = _element_of(it)
        before = env.copy()
        current = env
        for _ in range(2):
            loop_env = current.copy()
            if left is not None:
                self.bind(left, elem, loop_env, s)
            out = self.exec_block(body.named_children, loop_env) if body is not None else loop_env
            current = join_envs([before, out] if out is not None else [before])
        alt = s.child_by_field_name("alternative")
        if alt is not None:
            body2 = alt.child_by_field_name("body")
            if body2 is not None:
                r = self.exec_block(body2.named_children, current.copy())
                current = r if r is not None else current
        return current

    def exec_while(self, s: Node, env: Env) -> Env | None:
        cond = s.child_by_field_name("condition")
        body = s.child_by_field_name("body")
        cv = self.eval(cond, env) if cond is not None else CLEAN
        if cv.is_const and not cv.const:
            if body is not None:
                self.fa.dead.append((body.start_byte, body.end_byte))
            return env
        before = env.copy()
        current = env
        for _ in range(2):
            loop_env = self.apply_guard(cond, current.copy(), True) if cond is not None else current.copy()
            out = self.exec_block(body.named_children, loop_env) if body is not None else loop_env
            current = join_envs([before, out] if out is not None else [before])
        return current

    def exec_try(self, s: Node, env: Env) -> Env | None:
        body = s.child_by_field_name("body")
        start = env.copy()
        after_body = self.exec_block(body.named_children, env) if body is not None else env
        outs = []
        else_env = after_body
        handler_entry = join_envs([start] + ([after_body] if after_body is not None else []))
        finally_block = None
        for c in s.named_children:
            if c.type == "except_clause" or c.type == "except_group_clause":
                block = next((x for x in c.named_children if x.type == "block"), None)
                h_env = handler_entry.copy()
                for x in c.named_children:
                    if x.type == "as_pattern":
                        alias = x.child_by_field_name("alias")
                        if alias is not None:
                            for tn in alias.named_children or [alias]:
                                self.bind(tn, UNKNOWN, h_env, x)
                outs.append(self.exec_block(block.named_children, h_env) if block is not None else h_env)
            elif c.type == "else_clause":
                b = c.child_by_field_name("body")
                if else_env is not None and b is not None:
                    else_env = self.exec_block(b.named_children, else_env)
            elif c.type == "finally_clause":
                finally_block = next((x for x in c.named_children if x.type == "block"), None)
        outs.append(else_env)
        live = [o for o in outs if o is not None]
        result = join_envs(live) if live else None
        if finally_block is not None:
            base = result if result is not None else handler_entry.copy()
            after = self.exec_block(finally_block.named_children, base)
            return after if result is not None else None
        return result

    # ------------------------------------------------------------------ binding

    def bind(self, target: Node, value: Value, env: Env, at: Node) -> None:
        t = target.type
        if t == "identifier":
            name = _text(target)
            env[name] = value.stepped(Step(target.start_byte, target.end_byte, f"flows into {name}"))
            rhs = at.child_by_field_name("right") if at.type == "assignment" else None
            root = _url_root(rhs, self.fa, self.url_parts) if rhs is not None else ""
            if root:
                self.url_parts[name] = root
            return
        if t in ("pattern_list", "tuple_pattern", "list_pattern", "expression_list", "tuple", "list"):
            elems = [c for c in target.named_children]
            star = next((i for i, c in enumerate(elems) if c.type == "list_splat_pattern"), None)
            for i, c in enumerate(elems):
                if c.type == "list_splat_pattern":
                    inner = c.named_children[0] if c.named_children else None
                    if inner is not None:
                        self.bind(inner, Value(value.all_flows(), shape="list"), env, at)
                    continue
                if value.fields is not None and star is None and i in value.fields:
                    part = value.fields[i]
                elif value.fields is not None and star is not None and i < star and i in value.fields:
                    part = value.fields[i]
                else:
                    part = _element_of(value)
                self.bind(c, part, env, at)
            return
        if t == "attribute":
            obj = target.child_by_field_name("object")
            key = _text(target)
            self.eval(obj, env)
            env[key] = value.stepped(Step(target.start_byte, target.end_byte, f"flows into {key}"))
            return
        if t == "subscript":
            self.store_subscript(target, value, env)
            return
        if t == "list_splat_pattern" and target.named_children:
            self.bind(target.named_children[0], value, env, at)
            return
        if t == "parenthesized_expression" and target.named_children:
            self.bind(target.named_children[0], value, env, at)

    def store_subscript(self, target: Node, value: Value, env: Env) -> None:
        obj = target.child_by_field_name("value")
        sub = target.child_by_field_name("subscript")
        if obj is None:
            return
        self.check_store_sink(target, obj, value, env)
        if obj.type == "identifier" and _text(obj) in self.params:
            j = list(self.params).index(_text(obj))
            for f in value.all_flows():
                if f.origin.kind == "param":
                    self.param_stores.append((f.origin.param, j))
        key_v = self.eval(sub, env) if sub is not None else UNKNOWN
        name = _text(obj)
        if obj.type not in ("identifier", "attribute"):
            self.eval(obj, env)
            return
        old = env.get(name)
        if old is None:
            old = self.eval(obj, env)
        if key_v.is_const and _hashable(key_v.const):
            fields = dict(old.fields) if old.fields is not None else ({} if not old.flows else None)
            if fields is not None:
                fields[key_v.const] = value
                env[name] = Value(old.flows, fields, old.prefix, NOCONST, old.shape or "dict")
                return
        env[name] = Value(old.all_flows() | value.all_flows(), None, None, NOCONST, old.shape)

    # ------------------------------------------------------------------ guards

    def apply_guard(self, cond: Node | None, env: Env, truth: bool) -> Env:
        if cond is None:
            return env
        t = cond.type
        if t == "parenthesized_expression" and cond.named_children:
            return self.apply_guard(cond.named_children[0], env, truth)
        if t == "not_operator":
            arg = cond.child_by_field_name("argument")
            return self.apply_guard(arg, env, not truth)
        if t == "boolean_operator":
            op = _text(cond.child_by_field_name("operator")) if cond.child_by_field_name("operator") else ""
            left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
            if (op == "and" and truth) or (op == "or" and not truth):
                env = self.apply_guard(left, env, truth)
                return self.apply_guard(right, env, truth)
            return env
        for name, kinds in self.guard_facts(cond, truth, env):
            if name in env or name in self.fa.globals:
                cur = env.get(name) or self.fa.globals[name]
                env[name] = cur.cleared(kinds)
        return env

    def guard_facts(self, cond: Node, truth: bool, env: Env) -> list[tuple[str, frozenset[str]]]:
        """Names a condition makes safe, with the sink kinds, when it evaluates to `truth`."""
        t = cond.type
        out: list[tuple[str, frozenset[str]]] = []
        if t == "comparison_operator":
            ops = [_text(c) for c in cond.children if not c.is_named]
            operands = cond.named_children
            if len(operands) != 2 or len(ops) != 1:
                return out
            op = ops[0]
            left, right = operands
            positive = (op in ("in", "==", "is") and truth) or (op in ("not in", "!=", "is not") and not truth)
            if not positive:
                # `if ".." in path: abort` -> the path is free of ".." afterwards
                if op == "in" and not truth and _is_str_literal(left, ("..",)) and _name_of(right):
                    out.append((_name_of(right), frozenset({"path-traversal"})))
                if op == "in" and not truth and _is_str_literal(left, _NEWLINES) and _name_of(right):
                    out.append((_name_of(right), frozenset({"header-injection", "log-injection"})))
                return out
            if op in ("==", "is") and (_is_commonpath(left, self.fa) or _is_commonpath(right, self.fa)):
                call = left if _is_commonpath(left, self.fa) else right
                for name in _identifiers_in(call):
                    if (env.get(name) or CLEAN).shape == "normpath":
                        out.append((name, frozenset({"path-traversal"})))
                return out
            if op in ("==", "is"):
                for a, b in ((left, right), (right, left)):
                    bv = self.eval(b, env)
                    if _name_of(a) and bv.is_const:
                        out.append((_name_of(a), ALL_KINDS))
                return out
            if op in ("in", "not in"):
                rv = self.eval(right, env)
                if _has_source(rv):
                    return out
                if _name_of(left) in self.url_parts:
                    out.append((self.url_parts[_name_of(left)], frozenset({"ssrf", "open-redirect"})))
                elif _name_of(left):
                    out.append((_name_of(left), ALL_KINDS))
                else:
                    root = _url_root(left, self.fa)
                    if root:
                        out.append((root, frozenset({"ssrf", "open-redirect"})))
            return out
        if t == "call":
            f = cond.child_by_field_name("function")
            args = cond.child_by_field_name("arguments")
            fname = self.fa.resolve(_text(f)) if f is not None else ""
            arg_nodes = [a for a in args.named_children if a.type != "keyword_argument"] if args is not None else []
            if not truth:
                return out
            if f is not None and f.type == "attribute":
                method = _text(f.child_by_field_name("attribute"))
                obj = f.child_by_field_name("object")
                if method in ("isdigit", "isalnum", "isalpha", "isnumeric", "isdecimal", "isidentifier") \
                        and _name_of(obj):
                    out.append((_name_of(obj), ALL_KINDS))
                elif method in ("startswith", "is_relative_to") and obj is not None and obj.type == "identifier" \
                        and (env.get(_text(obj)) or CLEAN).shape == "normpath":
                    out.append((_text(obj), frozenset({"path-traversal"})))
                elif method in ("startswith", "is_relative_to") and obj is not None:
                    root = _path_root(obj)
                    if root and obj.type == "call":  # realpath(x).startswith(BASE)
                        out.append((root, frozenset({"path-traversal"})))
                    elif root and method == "is_relative_to":
                        out.append((root, frozenset({"path-traversal"})))
                    elif root and arg_nodes and _is_str_literal(arg_nodes[0], None):
                        lit = string_literal(arg_nodes[0]) or ""
                        if _PINNED_URL.match(lit) or lit.startswith(("https://", "http://")) and lit.count("/") >= 3:
                            out.append((root, frozenset({"ssrf", "open-redirect"})))
            if fname in ("re.fullmatch", "re.match") and len(arg_nodes) >= 2:
                pat = string_literal(arg_nodes[0]) or ""
                if fname == "re.fullmatch" or pat.endswith(("$", "\\Z")):
                    if _name_of(arg_nodes[1]):
                        out.append((_name_of(arg_nodes[1]), ALL_KINDS))
            elif f is not None and f.type == "attribute" and _text(f.child_by_field_name("attribute")) in (
                    "fullmatch", "match") and arg_nodes and _name_of(arg_nodes[0]):
                out.append((_name_of(arg_nodes[0]), ALL_KINDS))
            if fname in self.model.safe_url_calls or fname.split(".")[-1] in self.model.safe_url_calls:
                for a in arg_nodes[:1]:
                    if _name_of(a):
                        out.append((_name_of(a), frozenset({"ssrf", "open-redirect"})))
            if fname.split(".")[-1] == "isinstance" and len(arg_nodes) == 2 and _name_of(arg_nodes[0]):
                if _text(arg_nodes[1]) in ("int", "float", "bool", "(int, float)"):
                    out.append((_name_of(arg_nodes[0]), ALL_KINDS))
            return out
        return out

    # ------------------------------------------------------------------ expressions

    def eval(self, node: Node | None, env: Env) -> Value:
        if node is None:
            return CLEAN
        self.evals += 1
        if self.evals > MAX_EVALS_PER_FUNCTION:
            raise BudgetExceeded
        t = node.type
        m = getattr(self, "e_" + t, None)
        if m is not None:
            return m(node, env)
        if t in ("integer", "float"):
            try:
                return Value(const=int(_text(node).replace("_", ""), 0) if t == "integer" else float(_text(node)))
            except ValueError:
                return CLEAN
        if t == "true":
            return Value(const=True)
        if t == "false":
            return Value(const=False)
        if t == "none":
            return Value(const=None)
        if t in ("parenthesized_expression", "expression_statement"):
            vals = [self.eval(c, env) for c in node.named_children if c.type != "comment"]
            return vals[-1] if vals else CLEAN
        if t in ("lambda", "ellipsis", "comment"):
            return CLEAN
        if t == "await":
            return self.eval(node.named_children[0], env) if node.named_children else CLEAN
        if t in ("list_splat", "dictionary_splat", "parenthesized_list_splat"):
            return self.eval(node.named_children[0], env).flat() if node.named_children else CLEAN
        # unknown constructs: propagate whatever their parts carry
        vals = [self.eval(c, env) for c in node.named_children]
        return join(*vals).flat() if vals else UNKNOWN

    def e_identifier(self, node: Node, env: Env) -> Value:
        name = _text(node)
        v = env.get(name)
        if v is not None:
            return v
        v = self.fa.globals.get(name)
        if v is not None:
            return v
        src = self.model.name_sources.get(self.fa.resolve(name))
        if src:
            return self._source_value(self.fa.resolve(name), src, node)
        if name in self.fa.imports or name in self.fa.functions:
            return CLEAN
        if name in _BUILTIN_NAMES:
            return CLEAN
        return UNKNOWN

    def e_string(self, node: Node, env: Env) -> Value:
        lit = string_literal(node)
        if lit is not None:
            return Value(const=lit, prefix=lit, shape="str")
        flows: set[Flow] = set()
        prefix_parts: list[str] = []
        prefix_done = False
        for c in node.children:
            if c.type == "string_content" or c.type == "escape_sequence":
                if not prefix_done:
                    prefix_parts.append(_unescape(_text(c), False))
            elif c.type == "interpolation":
                expr = c.child_by_field_name("expression") or (c.named_children[0] if c.named_children else None)
                v = self.eval(expr, env)
                conv = c.child_by_field_name("type_conversion")
                if conv is not None and _text(conv) in ("!r", "!a"):
                    v = v.cleared(frozenset({"log-injection", "header-injection"}))
                if v.is_const and not prefix_done:
                    prefix_parts.append(str(v.const))
                    continue
                if v.all_flows():
                    prefix_done = True
                flows.update(v.all_flows())
                prefix_done = True
        return Value(frozenset(flows), prefix="".join(prefix_parts), shape="str")

    def e_concatenated_string(self, node: Node, env: Env) -> Value:
        parts = [self.eval(c, env) for c in node.named_children]
        return _concat(parts)

    def e_binary_operator(self, node: Node, env: Env) -> Value:
        left = self.eval(node.child_by_field_name("left"), env)
        right = self.eval(node.child_by_field_name("right"), env)
        op_node = node.child_by_field_name("operator")
        op = _text(op_node) if op_node is not None else ""
        if left.is_const and right.is_const:
            folded = _fold(op, left.const, right.const)
            if folded is not NOCONST:
                return Value(const=folded, prefix=folded if isinstance(folded, str) else None,
                             shape="str" if isinstance(folded, str) else "")
        if op == "+":
            if left.fields is not None and right.fields is not None and left.shape in ("list", "tuple") \
                    and _int_keys(left.fields) and _int_keys(right.fields):
                n = len(left.fields)
                fields = dict(left.fields)
                fields.update({n + k: v for k, v in right.fields.items()})
                return Value(left.flows | right.flows, fields, shape=left.shape)
            return _concat([left, right])
        if op == "%" and (left.shape == "str" or isinstance(left.const, str)):
            fmt = left.const if isinstance(left.const, str) else (left.prefix or "")
            prefix = fmt.split("%", 1)[0]
            right_v = right
            if isinstance(left.const, str) and right.fields is not None and _int_keys(right.fields):
                convs = _PLACEHOLDER.findall(fmt)
                convs = [c for c in convs if c != "%"]
                parts = []
                for i, v in sorted(right.fields.items()):
                    conv = convs[i] if i < len(convs) else "s"
                    parts.append(v.cleared(ALL_KINDS) if conv in "dif" and conv else
                                 v.cleared(frozenset({"log-injection", "header-injection"})) if conv == "r" else v)
                right_v = join(*parts) if parts else CLEAN
            elif isinstance(left.const, str):
                convs = [c for c in _PLACEHOLDER.findall(fmt) if c != "%"]
                if convs and all(c in "dif" for c in convs):
                    right_v = right.cleared(ALL_KINDS)
            return Value(left.all_flows() | right_v.all_flows(), prefix=prefix, shape="str")
        v = join(left.flat(), right.flat())
        return Value(v.flows, shape=left.shape if left.shape == right.shape else "")

    def e_boolean_operator(self, node: Node, env: Env) -> Value:
        left_n = node.child_by_field_name("left")
        right_n = node.child_by_field_name("right")
        op_node = node.child_by_field_name("operator")
        op = _text(op_node) if op_node is not None else ""
        left = self.eval(left_n, env)
        if left.is_const:
            if (op == "and" and not left.const) or (op == "or" and left.const):
                return left
            return self.eval(right_n, env)
        guarded = self.apply_guard(left_n, env.copy(), op == "and")
        right = self.eval(right_n, guarded)
        return join(left, right)

    def e_comparison_operator(self, node: Node, env: Env) -> Value:
        vals = [self.eval(c, env) for c in node.named_children]
        ops = [_text(c) for c in node.children if not c.is_named]
        if len(vals) == 2 and len(ops) == 1 and all(v.is_const for v in vals):
            r = _compare(ops[0], vals[0].const, vals[1].const)
            if r is not NOCONST:
                return Value(const=r)
        return CLEAN

    def e_not_operator(self, node: Node, env: Env) -> Value:
        v = self.eval(node.child_by_field_name("argument"), env)
        return Value(const=not v.const) if v.is_const else CLEAN

    def e_unary_operator(self, node: Node, env: Env) -> Value:
        v = self.eval(node.child_by_field_name("argument"), env)
        op = _text(node.child_by_field_name("operator")) if node.child_by_field_name("operator") else ""
        if v.is_const and isinstance(v.const, (int, float)) and not isinstance(v.const, bool):
            return Value(const=-v.const if op == "-" else (~v.const if op == "~" and isinstance(v.const, int) else v.const))
        return v.flat()

    def e_conditional_expression(self, node: Node, env: Env) -> Value:
        parts = node.named_children
        if len(parts) < 3:
            return join(*[self.eval(p, env) for p in parts])
        a, cond, b = parts[0], parts[1], parts[2]
        cv = self.eval(cond, env)
        if cv.is_const:
            return self.eval(a if cv.const else b, env)
        va = self.eval(a, self.apply_guard(cond, env.copy(), True))
        vb = self.eval(b, self.apply_guard(cond, env.copy(), False))
        return join(va, vb)

    def e_named_expression(self, node: Node, env: Env) -> Value:
        v = self.eval(node.child_by_field_name("value"), env)
        name = node.child_by_field_name("name")
        if name is not None:
            self.bind(name, v, env, node)
        return v

    def e_assignment(self, node: Node, env: Env) -> Value:
        right = node.child_by_field_name("right")
        left = node.child_by_field_name("left")
        v = self.eval(right, env) if right is not None else UNKNOWN
        if left is not None:
            self.bind(left, v, env, node)
        return v

    def e_augmented_assignment(self, node: Node, env: Env) -> Value:
        left = node.child_by_field_name("left")
        right = self.eval(node.child_by_field_name("right"), env)
        old = self.eval(left, env) if left is not None else CLEAN
        op = _text(node.child_by_field_name("operator")) if node.child_by_field_name("operator") else "+="
        if old.is_const and right.is_const:
            folded = _fold(op[:-1], old.const, right.const)
            if folded is not NOCONST:
                new = Value(const=folded, prefix=folded if isinstance(folded, str) else None)
                if left is not None:
                    self.bind(left, new, env, node)
                return new
        if op == "+=" and old.fields is not None and right.fields is not None and _int_keys(old.fields) \
                and _int_keys(right.fields):
            n = len(old.fields)
            fields = dict(old.fields)
            fields.update({n + k: v for k, v in right.fields.items()})
            new = Value(old.flows | right.flows, fields, shape=old.shape)
        else:
            new = _concat([old, right]) if op == "+=" else join(old.flat(), right.flat())
        if left is not None:
            self.bind(left, new, env, node)
        return new

    def e_list(self, node: Node, env: Env) -> Value:
        return self._sequence(node, env, "list")

    def e_tuple(self, node: Node, env: Env) -> Value:
        return self._sequence(node, env, "tuple")

    def e_expression_list(self, node: Node, env: Env) -> Value:
        return self._sequence(node, env, "tuple")

    def e_set(self, node: Node, env: Env) -> Value:
        v = self._sequence(node, env, "set")
        return Value(v.all_flows(), None, const=NOCONST, shape="set")

    def _sequence(self, node: Node, env: Env, shape: str) -> Value:
        fields: dict = {}
        extra: set[Flow] = set()
        precise = True
        for i, c in enumerate(c for c in node.named_children if c.type != "comment"):
            v = self.eval(c, env)
            if c.type in ("list_splat", "parenthesized_list_splat"):
                precise = False
                extra.update(v.all_flows())
                continue
            fields[i] = v
        if not precise:
            for v in fields.values():
                extra.update(v.all_flows())
            return Value(frozenset(extra), None, shape=shape)
        consts = [v.const for v in fields.values()]
        const = tuple(consts) if all(v.is_const for v in fields.values()) and shape == "tuple" else NOCONST
        return Value(frozenset(), fields, const=const, shape=shape)

    def e_dictionary(self, node: Node, env: Env) -> Value:
        fields: dict = {}
        extra: set[Flow] = set()
        for c in node.named_children:
            if c.type == "pair":
                k = self.eval(c.child_by_field_name("key"), env)
                v = self.eval(c.child_by_field_name("value"), env)
                if k.is_const and _hashable(k.const):
                    fields[k.const] = v
                else:
                    extra.update(v.all_flows())
                    extra.update(k.all_flows())
            elif c.type == "dictionary_splat":
                extra.update(self.eval(c, env).all_flows())
        if extra:
            return Value(frozenset(extra) | frozenset().union(*[v.all_flows() for v in fields.values()])
                         if fields else frozenset(extra), None, shape="dict")
        return Value(frozenset(), fields, shape="dict")

    def _comprehension(self, node: Node, env: Env, shape: str) -> Value:
        local = env.copy()
        body = node.child_by_field_name("body")
        for c in node.named_children:
            if c.type == "for_in_clause":
                right = c.child_by_field_name("right")
                left = c.child_by_field_name("left")
                it = self.eval(right, local)
                if left is not None:
                    self.bind(left, _element_of(it), local, c)
            elif c.type == "if_clause":
                cond = c.named_children[0] if c.named_children else None
                self.eval(cond, local)
                local = self.apply_guard(cond, local, True)
        if body is None:
            return CLEAN
        if body.type == "pair":
            k = self.eval(body.child_by_field_name("key"), local)
            v = self.eval(body.child_by_field_name("value"), local)
            return Value(k.all_flows() | v.all_flows(), shape=shape)
        v = self.eval(body, local)
        return Value(v.all_flows(), shape=shape, prefix=None)

    def e_list_comprehension(self, node: Node, env: Env) -> Value:
        return self._comprehension(node, env, "list")

    def e_set_comprehension(self, node: Node, env: Env) -> Value:
        return self._comprehension(node, env, "set")

    def e_generator_expression(self, node: Node, env: Env) -> Value:
        return self._comprehension(node, env, "list")

    def e_dictionary_comprehension(self, node: Node, env: Env) -> Value:
        return self._comprehension(node, env, "dict")

    def e_subscript(self, node: Node, env: Env) -> Value:
        obj = node.child_by_field_name("value")
        subs = node.children_by_field_name("subscript")
        ov = self.eval(obj, env)
        if not subs:
            return ov.flat()
        sub = subs[0]
        if sub.type == "slice":
            for c in sub.named_children:
                self.eval(c, env)
            if ov.is_const and isinstance(ov.const, str):
                return Value(const=NOCONST, prefix=None, shape="str")
            return Value(ov.all_flows(), None, prefix=None, shape=ov.shape)
        kv = self.eval(sub, env)
        if ov.fields is not None:
            if kv.is_const and _hashable(kv.const):
                key = kv.const
                if isinstance(key, int) and key < 0 and _int_keys(ov.fields):
                    key = len(ov.fields) + key
                if key in ov.fields:
                    return ov.fields[key].with_flows(ov.fields[key].flows | ov.flows)
                return Value(ov.flows | (UNKNOWN.flows if not ov.flows and ov.shape == "dict" else frozenset()))
            return _element_of(ov)
        if ov.is_const and isinstance(ov.const, tuple) and kv.is_const and isinstance(kv.const, int):
            try:
                return Value(const=ov.const[kv.const])
            except IndexError:
                return CLEAN
        return Value(ov.all_flows(), prefix=None if ov.shape != "str" else None,
                     shape="str" if _is_request_value(ov) else "")

    def e_attribute(self, node: Node, env: Env) -> Value:
        obj = node.child_by_field_name("object")
        attr_n = node.child_by_field_name("attribute")
        attr = _text(attr_n) if attr_n is not None else ""
        full = _text(node)
        if full in env:
            return env[full]
        obj_text = _text(obj) if obj is not None else ""
        if attr in self.model.request_attributes and obj_text in self.model.request_objects and \
                self._is_request_object(obj_text, env):
            return self._source_value(full, "request", node)
        resolved = self.fa.resolve(full)
        src = self.model.name_sources.get(resolved)
        if src:
            return self._source_value(resolved, src, node)
        ov = self.eval(obj, env)
        if obj is not None and obj.type == "identifier" and obj_text in self.fa.imports and obj_text not in env:
            return CLEAN  # a module's attribute: configuration or a constant
        if ov.fields is not None and attr in ov.fields:
            return ov.fields[attr]
        flows = ov.all_flows()
        if attr == "name" and ov.shape == "path":
            flows = frozenset(f.clear(frozenset({"path-traversal"})) for f in flows)
        if attr in ("parent", "stem", "suffix") and ov.shape == "path":
            return Value(flows, shape="path")
        return Value(flows, shape="str" if _is_request_value(ov) else "")

    def _is_request_object(self, obj_text: str, env: Env) -> bool:
        if not self.fa.web:
            return False
        v = env.get(obj_text)
        # a local named `request` that holds data of ours (not a request object) does not count
        return v is None or not v.fields

    def _source_value(self, label: str, kind: str, node: Node) -> Value:
        origin = Origin("source", label, kind, node.start_byte, node.end_byte)
        return Value(frozenset({Flow(origin, self.model.ignore_sinks.get(kind, frozenset()))}), prefix="",
                     shape="request")

    # ------------------------------------------------------------------ calls

    def e_call(self, node: Node, env: Env) -> Value:
        func = node.child_by_field_name("function")
        args_node = node.child_by_field_name("arguments")
        receiver_node = None
        receiver = None
        method = ""
        if func is not None and func.type == "attribute":
            receiver_node = func.child_by_field_name("object")
            method = _text(func.child_by_field_name("attribute"))
            receiver = self.eval(receiver_node, env)
        raw_name = _text(func) if func is not None and func.type in ("identifier", "attribute") else ""
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
                        k = _text(a.child_by_field_name("name"))
                        vn = a.child_by_field_name("value")
                        kw[k] = self.eval(vn, env)
                        kw_nodes[k] = vn
                    elif a.type in ("list_splat", "dictionary_splat"):
                        splat = join(splat, self.eval(a, env))
                    elif a.type != "comment":
                        pos.append(self.eval(a, env))
                        pos_nodes.append(a)
        call = _Call(node, name, raw_name, method, receiver, receiver_node, pos, pos_nodes, kw, kw_nodes, splat)
        self.check_sinks(call, env)
        return self.call_result(call, env)

    def call_result(self, c: _Call, env: Env) -> Value:
        name = c.name
        model = self.model
        # sources
        if c.method and c.receiver_node is not None:
            rtext = _text(c.receiver_node)
            if rtext in model.request_objects and c.method in model.request_methods and \
                    self._is_request_object(rtext, env):
                return self._source_value(f"{rtext}.{c.method}()", "request", c.node)
        for cs in model.source_index.get(name, ()):
            if cs.module and not self.fa.resolve(c.raw_name).startswith(cs.module):
                continue
            return self._source_value(cs.label, cs.kind, c.node).with_flows(
                self._source_value(cs.label, cs.kind, c.node).flows | _args_flows(c))
        if c.method and c.method in model.method_sources and not _receiver_is_module(c, self.fa):
            rtext = _text(c.receiver_node) if c.receiver_node is not None else ""
            for cs in model.method_sources[c.method]:
                if _suffix_match(cs.name, name) and (cs.receivers is None or cs.receivers.search(rtext)):
                    return self._source_value(cs.label, cs.kind, c.node)
        folded = _fold_call(c)
        if folded is not None:
            return folded
        if name in ("re.sub", "regex.sub") and len(c.pos) >= 3 and isinstance(c.pos[0].const, str) \
                and _ALLOW_LIST_CLASS.match(c.pos[0].const) and c.pos[1].const == "":
            return CLEAN  # re.sub(r"[^a-z0-9]", "", x) keeps only allow-listed characters
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
        if kinds is not None:
            if ALL in kinds:
                return CLEAN
            base = join(*(v.flat() for v in c.pos), *(v.flat() for v in c.kw.values()),
                        c.receiver.flat() if c.receiver is not None else CLEAN)
            return Value(frozenset(f.clear(kinds) for f in base.all_flows()), shape="str")
        if c.method in _STR_CLEAN_METHODS:
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
        if short in _RESPONSE_TYPES and not c.method or name in _RESPONSE_TYPES:
            return Value(shape="response")
        if short in ("realpath", "abspath", "normpath") and name.startswith(("os.path.", "posixpath.")):
            return Value(join(*c.pos).all_flows(), shape="normpath")
        if c.method and not _receiver_is_import(c, self.fa, env):
            return self._method_result(c, env)
        if name in ("dict",) and c.kw:
            return Value(frozenset(), {k: v for k, v in c.kw.items()}, shape="dict")
        if raw_name_is_builtin(c.raw_name) or name.startswith(_PURE_PREFIXES):
            v = join(*(x.flat() for x in c.pos), *(x.flat() for x in c.kw.values()), c.splat)
            if name in ("os.path.join", "posixpath.join") and c.pos:
                return Value(v.all_flows(), prefix=c.pos[0].prefix if c.pos[0].is_const else None, shape="str")
            return Value(v.all_flows(), shape="str" if name in ("str", "format", "repr") else
                         "path" if short.endswith("Path") else "")
        if c.raw_name in self.fa.functions or name in _OPAQUE_RESULTS:
            return UNKNOWN
        # an unknown library call: what goes in may come out, and more
        v = join(*(x.flat() for x in c.pos), *(x.flat() for x in c.kw.values()), c.splat)
        return Value(v.all_flows() | UNKNOWN.flows)

    def _method_result(self, c: _Call, env: Env) -> Value:
        r = c.receiver if c.receiver is not None else UNKNOWN
        m = c.method
        rname = _text(c.receiver_node) if c.receiver_node is not None else ""
        args = c.pos
        if m in _CONTAINER_ADD and args and c.receiver_node is not None and c.receiver_node.type in ("identifier", "attribute"):
            if r.fields is not None and _int_keys(r.fields) and m == "append":
                fields = dict(r.fields)
                fields[len(fields)] = args[0]
                env[rname] = Value(r.flows, fields, shape=r.shape or "list")
            else:
                env[rname] = Value(r.all_flows() | args[0].all_flows(), shape=r.shape)
            return Value(const=None)
        if m == "insert" and len(args) >= 2 and c.receiver_node is not None and c.receiver_node.type == "identifier":
            if r.fields is not None and _int_keys(r.fields) and args[0].is_const and isinstance(args[0].const, int):
                items = [r.fields[k] for k in sorted(r.fields)]
                items.insert(args[0].const, args[1])
                env[rname] = Value(r.flows, dict(enumerate(items)), shape=r.shape or "list")
            else:
                env[rname] = Value(r.all_flows() | args[1].all_flows(), shape=r.shape)
            return Value(const=None)
        if m == "extend" and args and c.receiver_node is not None and c.receiver_node.type == "identifier":
            if r.fields is not None and args[0].fields is not None and _int_keys(r.fields) and _int_keys(args[0].fields):
                fields = dict(r.fields)
                for k in sorted(args[0].fields):
                    fields[len(fields)] = args[0].fields[k]
                env[rname] = Value(r.flows | args[0].flows, fields, shape=r.shape)
            else:
                env[rname] = Value(r.all_flows() | args[0].all_flows(), shape=r.shape)
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
            if r.fields is not None and args[0].is_const and _hashable(args[0].const):
                fields = dict(r.fields)
                fields.setdefault(args[0].const, args[1])
                env[rname] = Value(r.flows, fields, shape="dict")
                return fields[args[0].const]
            env[rname] = Value(r.all_flows() | args[1].all_flows(), shape=r.shape)
            return env[rname].flat()
        if m == "pop" and c.receiver_node is not None and c.receiver_node.type == "identifier" and r.fields is not None:
            fields = dict(r.fields)
            if not args and _int_keys(fields) and fields:
                last = max(fields)
                v = fields.pop(last)
                env[rname] = Value(r.flows, fields, shape=r.shape)
                return v
            if args and args[0].is_const and _hashable(args[0].const) and args[0].const in fields:
                v = fields.pop(args[0].const)
                if _int_keys(r.fields) and isinstance(args[0].const, int):
                    fields = {i: fields[k] for i, k in enumerate(sorted(fields))}
                env[rname] = Value(r.flows, fields, shape=r.shape)
                return v
            return _element_of(r)
        if m == "remove" or m == "clear" or m == "discard":
            if m == "clear" and c.receiver_node is not None and c.receiver_node.type == "identifier":
                env[rname] = Value(frozenset(), {} if r.fields is not None else None, shape=r.shape)
            return Value(const=None)
        if m == "get" and r.fields is not None:
            if args and args[0].is_const and _hashable(args[0].const):
                if args[0].const in r.fields:
                    return r.fields[args[0].const]
                return join(args[1]) if len(args) > 1 else Value(const=None)
            return join(_element_of(r), *(args[1:]))
        if m in ("keys", "values", "items", "copy"):
            if m == "copy":
                return r
            return Value(r.all_flows(), shape="list")
        if m == "replace" and len(args) >= 2:
            old = args[0]
            base = Value(r.all_flows() | args[1].all_flows(), prefix=None, shape="str")
            if isinstance(old.const, str) and any(nl in old.const for nl in _NEWLINES):
                return base.cleared(frozenset({"header-injection", "log-injection"}))
            if isinstance(old.const, str) and old.const in ("..", "../", "/"):
                return base.cleared(frozenset({"path-traversal"})) if old.const == ".." else base
            return base
        if m in ("format", "format_map"):
            v = join(r.flat(), *(a.flat() for a in args), *(a.flat() for a in c.kw.values()), c.splat)
            prefix = r.const.split("{", 1)[0] if isinstance(r.const, str) else None
            return Value(v.all_flows(), prefix=prefix, shape="str")
        if m == "join":
            v = join(r.flat(), *(a.flat() for a in args))
            return Value(v.all_flows(), shape="str")
        if m in ("splitlines", "split", "rsplit", "partition", "rpartition"):
            return Value(r.all_flows(), shape="list")
        if m in ("strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold",
                 "encode", "decode", "zfill", "ljust", "rjust", "center", "expandtabs", "swapcase",
                 "removeprefix", "removesuffix", "translate"):
            if m == "translate" and args:
                return Value(r.all_flows(), shape="str")
            keep = r.prefix if m in ("rstrip", "encode", "decode", "removesuffix") else None
            return Value(r.all_flows(), prefix=keep, shape="str")
        if m == "resolve":
            return Value(join(r, *args).all_flows(), shape="normpath")
        if m in ("absolute", "joinpath", "with_name", "with_suffix", "expanduser") and r.shape == "path":
            return Value(join(r, *args).all_flows(), shape="path")
        if m in ("read", "readline", "readlines", "json", "text", "getvalue", "content", "result"):
            return Value(r.all_flows(), shape="str")
        if m == "setFeature" and len(args) >= 2 and args[1].const is True and c.receiver_node is not None \
                and "external" in (_text(c.pos_nodes[0]) if c.pos_nodes else ""):
            env[rname] = Value(r.flows, shape="sax-unsafe")
            return Value(const=None)
        builtin_type = c.receiver_node is not None and rname in ("bytes", "str", "bytearray", "dict", "list",
                                                                  "int", "float", "tuple", "set")
        if r.shape in ("str", "request") or m in _PROPAGATING_METHODS or builtin_type:
            # a string method, or one that builds its result from its arguments
            v = join(r.flat(), *(a.flat() for a in args), *(a.flat() for a in c.kw.values()), c.splat)
            return Value(v.all_flows(), shape="str" if r.shape in ("str", "request") else "")
        # a method of an object we do not know (a query, a client, a model): its answer is its own,
        # not the arguments it was asked with
        return Value(r.all_flows() | UNKNOWN.flows)

    def _project_call(self, c: _Call, env: Env) -> Value | None:
        receiver_cls = ""
        if c.receiver is not None and c.receiver.shape.startswith("class:"):
            receiver_cls = c.receiver.shape[6:]
        found = self.fa.lookup_function(c.raw_name or c.name, receiver_cls, self.cls)
        if found is None:
            cls_key = c.raw_name if c.raw_name in self.fa.imports or "." not in c.raw_name else ""
            short = (c.raw_name or "").rsplit(".", 1)[-1]
            if short and short[:1].isupper() and (f"{short}.__init__" in self.fa.functions or any(
                    k.startswith(short + ".") for k in self.fa.functions) or any(
                    k.startswith(short + ".") for k in self.fa.project)):
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
        for idx, (param, kind, line, sink_name, cleared) in enumerate(summary.sinks):
            v = args_by_param.get(param)
            if v is None:
                continue
            for f in v.all_flows():
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
        flows: set[Flow] = set()
        for param, cleared in summary.returns.items():
            v = args_by_param.get(param)
            if v is None:
                if param < len(summary.params) and summary.params[param] in ("args", "kwargs"):
                    v = join(*c.pos[max(0, param - offset):], c.splat)
                else:
                    continue
            for f in v.all_flows():
                flows.add(f.clear(cleared).add_step(call_step) if f.origin.kind != "unknown" else f)
        for label, kind in summary.returns_sources:
            origin = Origin("source", f"{label} (returned by {fname}())", kind, c.node.start_byte, c.node.end_byte)
            flows.add(Flow(origin))
        if summary.returns_unknown:
            flows.add(UNKNOWN_FLOW)
        return Value(frozenset(flows), shape="str" if summary.returns_sources else "")

    # ------------------------------------------------------------------ sinks

    def check_sinks(self, c: _Call, env: Env) -> None:
        model = self.model
        specs = list(model.sink_index.get(c.name, ()))
        if c.raw_name and c.raw_name != c.name:
            specs += model.sink_index.get(c.raw_name, ())
        if c.method and c.method in model.method_sinks and not _receiver_is_module(c, self.fa):
            rtext = _text(c.receiver_node) if c.receiver_node is not None else ""
            for spec in model.method_sinks[c.method]:
                if spec.receivers is not None and not spec.receivers.search(rtext):
                    continue
                if any(_suffix_match(n, c.name) for n in spec.names if n.startswith("*.")):
                    specs.append(spec)
        if c.method == "parse" or c.method == "parseString" or c.method == "feed":
            if c.receiver is not None and c.receiver.shape == "sax-unsafe":
                self._judge(c, "xxe", [(c.pos[0], c.pos_nodes[0])] if c.pos else [])
        seen_kinds = set()
        for spec in specs:
            if (spec.kind, id(spec)) in seen_kinds:
                continue
            seen_kinds.add((spec.kind, id(spec)))
            values = self._dangerous_args(c, spec)
            if values is None:
                continue
            self._judge(c, spec.kind, values, spec)

    def _dangerous_args(self, c: _Call, spec: SinkSpec) -> list[tuple[Value, Node]] | None:
        """The argument values a sink is sensitive to, or None when this call is not dangerous."""
        out: list[tuple[Value, Node]] = []
        if spec.receiver:
            if c.receiver is None or c.receiver_node is None:
                return None
            return [(c.receiver, c.receiver_node)]
        if spec.yaml_loader:
            loader = c.kw_nodes.get("Loader")
            if loader is None and len(c.pos_nodes) > 1:
                loader = c.pos_nodes[1]
            if loader is not None and re.search(r"(C?SafeLoader|BaseLoader)\b", _text(loader)):
                return []  # safe by construction: a verdict, no finding
        if spec.xml_parser:
            parser = c.kw.get("parser") or (c.pos[1] if len(c.pos) > 1 else None)
            if parser is not None and parser.shape == "xml-safe":
                return []
        if spec.kind == "xss":
            for k in ("mimetype", "content_type", "media_type"):
                kv = c.kw.get(k)
                if kv is not None and isinstance(kv.const, str) and "html" not in kv.const:
                    return []
        for i in spec.args:
            if i < len(c.pos):
                out.append((c.pos[i], c.pos_nodes[i]))
        for k in spec.keywords:
            if k in c.kw:
                out.append((c.kw[k], c.kw_nodes[k]))
        if spec.all_keywords:
            out.extend((c.kw[k], c.kw_nodes[k]) for k in c.kw if k not in spec.keywords)
        if not out:
            return None
        if spec.argv:
            shell = c.kw.get("shell")
            use_shell = shell is not None and (shell.const is True or not shell.is_const)
            v, n = out[0]
            if not use_shell and v.fields is not None and _int_keys(v.fields) and v.shape in ("list", "tuple"):
                items = [v.fields[k] for k in sorted(v.fields)]
                if not items:
                    return None
                dangerous = [items[0]]
                prog = items[0].const if items[0].is_const else None
                if isinstance(prog, str) and prog.rsplit("/", 1)[-1] in {s.rsplit("/", 1)[-1] for s in _SHELLS}:
                    dangerous = items[1:]
                elif isinstance(prog, str) and prog.rsplit("/", 1)[-1] in ("python", "python3", "perl", "ruby",
                                                                            "node", "php"):
                    if any(x.is_const and x.const in ("-c", "-e", "-r") for x in items[1:]):
                        dangerous = items[1:]
                return [(Value(join(*dangerous).all_flows() | v.flows), n)]
            if not use_shell and v.shape in ("list", "tuple") and v.fields is None:
                return [(v, n)]
        if spec.log_format and c.pos and isinstance(c.pos[0].const, str):
            convs = [x for x in _PLACEHOLDER.findall(c.pos[0].const) if x != "%"]
            filtered = [out[0]]
            for j, (v, n) in enumerate(out[1:]):
                conv = convs[j] if j < len(convs) else "s"
                if conv in "rdifxXeEgG":
                    continue
                filtered.append((v, n))
            return filtered
        return out

    def _judge(self, c: _Call, kind: str, values: list[tuple[Value, Node]], spec: SinkSpec | None = None) -> None:
        safe = True
        for v, _n in values:
            if kind in ("open-redirect",) and v.prefix and _PINNED_URL.match(v.prefix):
                continue
            for f in v.all_flows():
                if kind in f.cleared or ALL in f.cleared:
                    continue
                safe = False
                sink_name = c.raw_name or c.name or "call"
                if f.origin.kind == "source":
                    self.fa.hits.append(Hit(kind, f, c.node.start_byte, c.node.end_byte, sink_name))
                elif f.origin.kind == "param":
                    self.param_hits.append(Hit(kind, f, c.node.start_byte, c.node.end_byte, sink_name))
        if safe:
            self.fa.verdicts.append(Verdict(c.node.start_byte, c.node.end_byte, kind))

    def check_store_sink(self, target: Node, obj: Node, value: Value, env: Env, at: Node | None = None) -> None:
        otext = _text(obj)
        resolved = self.fa.resolve(otext)
        for spec in self.model.store_sinks:
            matched = False
            for pat in spec.subscript_store:
                if pat.startswith("*."):
                    if otext.endswith(pat[1:]):
                        matched = True
                elif pat == otext or pat == resolved:
                    matched = True
            if not matched:
                continue
            if spec.kind == "header-injection" and not otext.endswith(".headers"):
                ov = env.get(otext)
                if ov is None or not ov.shape.startswith("response"):
                    continue
            node = at if at is not None else (target.parent or target)
            fake = _Call(node, otext, otext, "", None, None, [value], [target], {}, {}, CLEAN)
            self._judge(fake, spec.kind, [(value, target)], spec)

    def check_route_return(self, value: Value, node: Node) -> None:
        v = value
        if v.fields is not None and v.shape == "tuple" and 0 in v.fields:
            v = v.fields[0]
        if v.shape not in ("str", "request"):
            return  # a response object, JSON data or something we cannot tell
        fake = _Call(node, "return", "return", "", None, None, [v], [node], {}, {}, CLEAN)
        self._judge(fake, "xss", [(v, node)])


# ---------------------------------------------------------------------- helpers


@dataclass
class _Call:
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


_BUILTIN_NAMES = {
    "True", "False", "None", "print", "len", "str", "int", "float", "bool", "list", "dict", "set", "tuple",
    "range", "open", "repr", "format", "sorted", "min", "max", "sum", "any", "all", "isinstance", "getattr",
    "hasattr", "setattr", "type", "object", "Exception", "ValueError", "KeyError", "TypeError", "super",
    "enumerate", "zip", "map", "filter", "iter", "next", "abs", "round", "hash", "id", "chr", "ord",
    "bytes", "bytearray", "frozenset", "reversed", "callable", "vars", "dir", "globals", "locals",
    "__name__", "__file__", "eval", "exec", "compile", "input", "NotImplemented", "Ellipsis",
    "RuntimeError", "OSError", "IOError", "PermissionError", "FileNotFoundError", "staticmethod",
    "classmethod", "property", "memoryview", "divmod", "pow", "issubclass", "self", "cls",
}


def raw_name_is_builtin(raw: str) -> bool:
    return raw in _BUILTIN_PROPAGATE


def _receiver_is_module(c: _Call, fa: FileAnalysis) -> bool:
    if c.receiver_node is None:
        return False
    head = _text(c.receiver_node).split(".")[0]
    return c.receiver_node.type in ("identifier", "attribute") and head in fa.imports and \
        fa.imports[head] in ("re", "json", "os", "shutil", "string", "ast", "math", "fnmatch", "glob",
                             "operator", "itertools", "functools")


def _suffix_match(pattern: str, name: str) -> bool:
    if not pattern.startswith("*."):
        return pattern == name
    suffix = pattern[1:]
    return name.endswith(suffix) or ("." + name).endswith(suffix)


def _args_flows(c: _Call) -> frozenset[Flow]:
    return frozenset()


def _element_of(v: Value) -> Value:
    if v.fields is not None:
        return join(*v.fields.values()).with_flows(join(*v.fields.values()).all_flows() | v.flows) if v.fields \
            else Value(v.flows)
    return Value(v.all_flows(), shape="str" if v.shape in ("request", "str") else "")


def _int_keys(fields: dict) -> bool:
    return all(isinstance(k, int) and not isinstance(k, bool) for k in fields) and \
        sorted(fields) == list(range(len(fields)))


def _hashable(x: Any) -> bool:
    try:
        hash(x)
    except TypeError:
        return False
    return True


def _has_source(v: Value) -> bool:
    return any(f.origin.kind in ("source", "param") for f in v.all_flows())


def _is_request_value(v: Value) -> bool:
    return v.shape in ("request", "str")


def _name_of(node: Node | None) -> str:
    if node is None:
        return ""
    if node.type == "identifier":
        return _text(node)
    if node.type == "attribute":
        obj = node.child_by_field_name("object")
        return _text(node) if obj is not None and _name_of(obj) else ""
    if node.type == "parenthesized_expression" and node.named_children:
        return _name_of(node.named_children[0])
    return ""


def _is_str_literal(node: Node, values) -> bool:
    lit = string_literal(node) if node is not None else None
    if lit is None:
        return False
    return values is None or lit in values


def _path_root(node: Node) -> str:
    """The variable inside realpath(x) / abspath(x) / Path(x).resolve() / x."""
    n = node
    for _ in range(6):
        if n.type == "identifier":
            return _text(n)
        if n.type == "call":
            f = n.child_by_field_name("function")
            args = n.child_by_field_name("arguments")
            inner = [a for a in args.named_children if a.type != "keyword_argument"] if args is not None else []
            if inner:
                n = inner[-1] if f is not None and _text(f).endswith("join") else inner[0]
                continue
            if f is not None and f.type == "attribute":
                n = f.child_by_field_name("object")
                continue
            return ""
        if n.type == "attribute":
            n = n.child_by_field_name("object")
            continue
        return ""
    return ""


def _url_root(node: Node, fa: FileAnalysis, parts: dict[str, str] | None = None) -> str:
    """x in `urlparse(x).netloc`, `urlparse(x).hostname`, `urlparse(x)`, or `parsed.netloc` when
    parsed = urlparse(x)."""
    if node.type == "call":
        f = node.child_by_field_name("function")
        if f is not None and _text(f).split(".")[-1] in ("urlparse", "urlsplit"):
            return _path_root(node)
        return ""
    if node.type != "attribute":
        return ""
    attr = _text(node.child_by_field_name("attribute"))
    if attr not in ("netloc", "hostname", "host", "scheme"):
        return ""
    obj = node.child_by_field_name("object")
    if obj is None:
        return ""
    if obj.type == "identifier":
        return (parts or {}).get(_text(obj), "")
    return _url_root(obj, fa, parts)


def _is_commonpath(node: Node, fa: FileAnalysis) -> bool:
    if node.type != "call":
        return False
    f = node.child_by_field_name("function")
    return f is not None and fa.resolve(_text(f)) in ("os.path.commonpath", "os.path.commonprefix")


def _identifiers_in(node: Node) -> list[str]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            out.append(_text(n))
        stack.extend(n.named_children)
    return out


def _receiver_is_import(c: _Call, fa: FileAnalysis, env: Env) -> bool:
    """shlex.split(x) is a function of a module, not a method of a value."""
    n = c.receiver_node
    if n is None or n.type not in ("identifier", "attribute"):
        return False
    text = _text(n)
    head = text.split(".")[0]
    return head in fa.modules and head not in env and text not in env


_KNOWN_MODULES = {"os.path", "lxml.etree", "xml.etree.ElementTree", "xml.etree.cElementTree", "xml.sax",
                  "xml.dom.minidom", "xml.dom.pulldom", "urllib.parse", "urllib.request", "defusedxml.ElementTree",
                  "defusedxml.lxml", "defusedxml.minidom", "http.client", "logging.handlers", "email.utils",
                  "ldap.filter", "ldap3.utils.conv", "markupsafe", "html", "shlex", "subprocess", "pickle"}


_RESPONSE_TYPES = {"make_response", "Response", "HttpResponse", "JsonResponse", "HTMLResponse", "PlainTextResponse",
                   "StreamingHttpResponse", "FileResponse", "JSONResponse", "flask.make_response",
                   "django.http.HttpResponse"}
_FOLDABLE_METHODS = {"upper", "lower", "strip", "lstrip", "rstrip", "title", "capitalize", "casefold",
                     "startswith", "endswith", "replace", "count", "find", "isdigit", "isalpha", "isalnum",
                     "zfill", "join", "split"}
_FOLDABLE_FUNCS = {"len": len, "int": int, "str": str, "abs": abs, "min": min, "max": max, "bool": bool,
                   "float": float, "round": round}


def _fold_call(c: _Call) -> Value | None:
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


def _concat(parts: list[Value]) -> Value:
    flows: set[Flow] = set()
    prefix_parts: list[str] = []
    prefix_done = False
    const_parts: list[Any] = []
    all_const = True
    for p in parts:
        if p.is_const and isinstance(p.const, str):
            const_parts.append(p.const)
            if not prefix_done:
                prefix_parts.append(p.const)
            continue
        all_const = False
        flows.update(p.all_flows())
        if not prefix_done:
            if p.prefix:
                prefix_parts.append(p.prefix)
            prefix_done = True
    if all_const and const_parts:
        s = "".join(const_parts)
        return Value(const=s, prefix=s, shape="str")
    return Value(frozenset(flows), prefix="".join(prefix_parts), shape="str")


def _fold(op: str, a: Any, b: Any) -> Any:
    try:
        if isinstance(a, bool) or isinstance(b, bool):
            if op not in ("and", "or"):
                a, b = int(a), int(b)
        if op == "+" and (type(a) is type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float)))):
            return a + b
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if op == "//" and b:
                return a // b
            if op == "/" and b:
                return a / b
            if op == "%" and b:
                return a % b
            if op == "**" and abs(b) < 64:
                return a ** b
        if op == "*" and isinstance(a, str) and isinstance(b, int) and b < 100:
            return a * b
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return NOCONST
    return NOCONST


def _compare(op: str, a: Any, b: Any) -> Any:
    try:
        if op == "==":
            return a == b
        if op == "!=":
            return a != b
        if op == "<":
            return a < b
        if op == ">":
            return a > b
        if op == "<=":
            return a <= b
        if op == ">=":
            return a >= b
        if op == "is":
            return a is b if a is None or b is None else NOCONST
        if op == "is not":
            return a is not b if a is None or b is None else NOCONST
        if op == "in" and isinstance(b, (str, tuple)):
            return a in b
        if op == "not in" and isinstance(b, (str, tuple)):
            return a not in b
    except TypeError:
        return NOCONST
    return NOCONST
