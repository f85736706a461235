"""Intra-procedural taint flow over the tree-sitter tree, with function summaries.

One `FileAnalysis` per document: it reads the imports and the definitions of the
file, evaluates the module body (for constants and scripts), then every function
whose text mentions a source or a sink. A `FunctionRun` interprets one body; its
parts live in their own modules: statements.py (blocks, branches, loops), guards.py
(conditions that clear a name), expressions.py, calls.py (sources, sanitizers,
library behaviour, project functions) and sinks.py. Branches are joined, except where
the condition is a compile-time constant; loops run twice; guards (allow-lists,
containment checks) clear the guarded name in the branch where they hold. A call to a
function of the project uses its summary: which parameters reach the return value or a
sink, and whether it returns a source. A summary also records the sinks reached only when
a flag parameter with a constant default is passed (`from_setup=False`); a call of a
helper of the same file that gives it constants, or leaves them at constant defaults, reads
the helper again with them when request data reaches one of its sinks (variants.py).
What sources, sinks, sanitizers and library calls are is data: rules/taint/models/.
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern
from railguard.engine.taint.calls import SQL_EXPRESSION, CallsMixin
from railguard.engine.taint.expressions import ExpressionsMixin
from railguard.engine.taint.guards import GuardsMixin
from railguard.engine.taint.library import Library, load_library
from railguard.engine.taint.model import TaintModel
from railguard.engine.taint.predicates import predicate_checks
from railguard.engine.taint.replay import NO_SUMMARY, Frame, Moved, Record, Shift, Window
from railguard.engine.taint.sinks import SinksMixin
from railguard.engine.taint.state import (
    ALL_KINDS,
    BudgetExceeded,
    Env,
    Hit,
    Summary,
    Verdict,
    early_response,
    return_parts,
    tuple_elements,
    validated_params,
)
from railguard.engine.taint.statements import StatementsMixin
from railguard.engine.taint.syntax import ID_NAME, dependency_aliases, node_text
from railguard.engine.taint.values import APP_PATH, CLEAN, UNKNOWN, Flow, Origin, Value, join
from railguard.engine.taint.variants import VariantsMixin

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document

MAX_SUMMARY_DEPTH = 4
_XSS = frozenset({"xss"})


class FileAnalysis(VariantsMixin):
    """Taint analysis of one Python document."""

    def __init__(self, doc: Document, model: TaintModel, project: dict[str, Summary] | None = None,
                 module_name: str = "", library: Library | None = None,
                 enums: frozenset[str] = frozenset(), called: frozenset[str] = frozenset(),
                 injected: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.model = model
        self.library = library if library is not None else load_library()
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
        self._serializes_returns = False
        self._url_vars_only = False
        self._is_django = False
        self._called_names: dict[str, bool] = {}
        self._only_methods: dict[int, str] = {}
        self._specialized: dict[tuple, set[tuple] | None] = {}
        self.enums: set[str] = set(enums)  # Enum classes of this file and the project (closed types)
        self.called_elsewhere = called  # functions taking the request that project code calls
        # FastAPI dependency aliases of the project and of this file (`DbSession`, `CurrentUser`)
        self.injected = frozenset(injected) | dependency_aliases(doc.data)
        self._cleaner_names: set[str] | None = None  # local names of HTML-cleaning libraries
        self._cleaner_uses: re.Pattern[str] | None = None  # a use of one of them
        # an editor buffer's runs (replay.py): what this run did, and the previous run to re-use
        self.recording = False
        self.replay: tuple[Record, Shift] | None = None
        self.windows: dict[str, Window] = {}
        self.module_computed: dict[str, bytes] = {}
        self._window: Window | None = None
        self._frames: list[Frame] = []  # the summaries being computed (recording), innermost last
        self.frames: dict[tuple[str, int], Frame] = {}  # every summary computed or re-used in this run
        self.spans: list[tuple[int, int]] = []  # every function definition indexed
        self._decorated: list[tuple[int, tuple[str, ...]]] = []
        self._class_names: frozenset[str] | None = None
        self._index()

    def defines_class(self, name: str) -> bool:
        """Does this file or the project define functions of a class of this name (`Name.f`)?"""
        if self._class_names is None:
            self._class_names = frozenset(k.split(".", 1)[0] for keys in (self.functions, self.project)
                                          for k in keys if "." in k)
        return name in self._class_names

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
                        self._decorated.append((d.start_byte, tuple(node_text(x) for x in decs)))
                        stack.append((_wrap(d), cls))
                elif t == "function_definition":
                    name = node_text(c.child_by_field_name("name"))
                    key = f"{cls}.{name}" if cls else name
                    self.functions.setdefault(key, c)
                    self.spans.append((c.start_byte, c.end_byte))
                    if cls:
                        self.function_class[c.id] = cls
                    body = c.child_by_field_name("body")
                    if body is not None:
                        stack.append((body, ""))
                elif t == "class_definition":
                    bases = c.child_by_field_name("superclasses")
                    if bases is not None and _ENUM_BASES.search(node_text(bases)):
                        self.enums.add(node_text(c.child_by_field_name("name")))
                    body = c.child_by_field_name("body")
                    if body is not None:
                        stack.append((body, node_text(c.child_by_field_name("name"))))
                elif t in ("block", "if_statement", "try_statement", "with_statement", "else_clause",
                           "elif_clause", "except_clause", "finally_clause", "_wrapped"):
                    stack.append((c, cls))
        self._is_fastapi = any(v.startswith(("fastapi", "starlette")) for v in self.imports.values())
        # frameworks whose routes return data that the framework serialises (JSON by default)
        # rather than a response body: FastAPI, and django-ninja (`@router.get(..., response=Schema)`)
        self._serializes_returns = self._is_fastapi or any(
            v == "ninja" or v.startswith("ninja.") for v in self.imports.values())
        # Flask-style routing: a view receives only its URL's <variables> (Flask, Quart)
        self._url_vars_only = not self._serializes_returns and any(
            v.split(".")[0] in ("flask", "quart") for v in self.imports.values())
        self._is_django = any(v.startswith(("django", "rest_framework")) for v in self.imports.values())
        roots = {v.split(".")[0] for v in self.imports.values()}
        self.web = bool(roots & self.model.web_frameworks)

    def _add_import(self, node: Node) -> None:
        if node.type == "import_statement":
            for c in node.named_children:
                if c.type == "dotted_name":
                    name = node_text(c)
                    self.imports[name.split(".")[0]] = name.split(".")[0]
                    self.imports[name] = name
                    self.modules.add(name.split(".")[0])
                elif c.type == "aliased_import":
                    alias = node_text(c.child_by_field_name("alias"))
                    self.imports[alias] = node_text(c.child_by_field_name("name"))
                    self.modules.add(alias)
            return
        module_node = node.child_by_field_name("module_name")
        module = node_text(module_node) if module_node is not None else ""
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
                n = node_text(c)
                self.imports[n] = f"{module}.{n}" if module else n
            elif c.type == "aliased_import":
                n = node_text(c.child_by_field_name("name"))
                self.imports[node_text(c.child_by_field_name("alias"))] = f"{module}.{n}" if module else n
        for local, full in self.imports.items():
            if full in self.library.known_modules:
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
        module_fn = FunctionRun(self, None, (), {})
        stmts = root.named_children if module_body else [
            c for c in root.named_children if c.type == "expression_statement"]
        self._window = Window("") if self.recording else None
        try:
            module_fn.exec_block(stmts, module_fn.env)
        except BudgetExceeded:
            pass
        finally:
            if self._window is not None:
                self.module_computed = self._window.computed
            self._window = None
        self.globals = module_fn.env
        for key, fn in list(self.functions.items()):
            if entry_filter is not None and not entry_filter(fn):
                continue
            if not self.recording or key in self.summaries:
                self.summary_for(key, fn)
            elif not self._replayed(key):
                self._record(key, fn)

    def _record(self, key: str, fn: Node) -> None:
        """Analyse an entry function, keeping what it did (replay.Window)."""
        w = Window(key)
        hits, nh, nv, nd, ns = self.hits, len(self.hits), len(self.verdicts), len(self.dead), len(self.summaries)
        self._window = w
        try:
            self.summary_for(key, fn)
        finally:
            self._window = None
        w.clean = self.hits is hits
        w.summaries = {k: self.summaries[k] for k in list(self.summaries)[ns:]}
        w.hits, w.verdicts, w.dead = self.hits[nh:], self.verdicts[nv:], self.dead[nd:]
        self.windows[key] = w

    def _replayed(self, key: str) -> bool:
        """The previous run's analysis of this entry function, moved by the edit, when nothing it
        depended on changed (replay.py)."""
        if self.replay is None:
            return False
        record, shift = self.replay
        old = record.windows.get(key)
        if old is None or not old.clean:
            return False
        data = self.doc.data
        for k, text in old.computed.items():
            fn = self.functions.get(k)
            if k in self.summaries or fn is None or data[fn.start_byte:fn.end_byte] != text:
                return False
        try:
            w = old.moved(shift)
        except Moved:
            return False
        if any(self.summaries.get(k) != s for k, s in w.reads.items()):
            return False
        self.summaries.update(w.summaries)
        self.hits.extend(w.hits)
        self.verdicts.extend(w.verdicts)
        self.dead.extend(w.dead)
        self.windows[key] = w
        self.frames.update(w.frames)
        return True

    def index_signature(self) -> tuple:
        """What the index of the file says, with the offsets of its definitions (replay.py)."""
        head = (tuple(sorted(self.imports.items())), tuple(sorted(self.modules)), tuple(sorted(self.enums)),
                self.web, self._is_fastapi, self._serializes_returns, self._url_vars_only, self._is_django)
        functions = tuple((k, fn.start_byte, fn.end_byte, self.function_class.get(fn.id, ""))
                          for k, fn in self.functions.items())
        return head, functions, tuple(self._decorated)

    def summary_for(self, key: str, fn: Node, depth: int = 0) -> Summary | None:
        w = self._window
        if key in self.summaries:
            if w is not None and key not in w.computed:
                w.reads.setdefault(key, self.summaries[key])
            for f in self._frames:
                if key not in f.computed:
                    f.reads.setdefault(key, self.summaries[key])
            return self.summaries[key]
        if key in self._in_progress or depth > MAX_SUMMARY_DEPTH:
            for f in self._frames:
                if key not in f.computed:
                    f.reads.setdefault(key, (NO_SUMMARY, depth))
            return None
        if self.replay is not None and self._reused(key, fn, depth):
            return self.summaries[key]
        text = self.doc.data[fn.start_byte:fn.end_byte]
        if w is not None:
            w.computed[key] = text
        frame = None
        if self.recording:
            frame = Frame(key, depth)
            self._frames.append(frame)
            for f in self._frames:
                f.computed[key] = text
                f.starts[key] = fn.start_byte
            hits, nh, nv, nd, ns = self.hits, len(self.hits), len(self.verdicts), len(self.dead), len(self.summaries)
        self._in_progress.add(key)
        try:
            summary = self._analyze_function(key, fn, depth)
        finally:
            self._in_progress.discard(key)
            if frame is not None:
                self._frames.pop()
        self.summaries[key] = summary
        if frame is not None:
            frame.clean = self.hits is hits
            frame.summaries = {k: self.summaries[k] for k in list(self.summaries)[ns:]}
            frame.hits, frame.verdicts, frame.dead = self.hits[nh:], self.verdicts[nv:], self.dead[nd:]
            self._keep_frame(frame)
        return summary

    def _keep_frame(self, frame: Frame) -> None:
        self.frames[(frame.key, frame.depth)] = frame
        if self._window is not None:
            self._window.frames[(frame.key, frame.depth)] = frame

    def _reused(self, key: str, fn: Node, depth: int) -> bool:
        """The previous run's summary of a function the edit did not touch, with all it did on the
        way, moved by the edit, when all it depended on is what it was (replay.Frame)."""
        assert self.replay is not None
        record, shift = self.replay
        old = record.frames.get((key, depth))
        if old is None or not old.clean:
            return False
        data = self.doc.data
        for k, start in old.starts.items():  # the cheap tests first: the functions it computed
            text = old.computed[k]
            if k in self.summaries or k in self._in_progress or not (
                    start + len(text) < shift.start or start > shift.old_end):
                return False
            at = shift.pos(start)
            if data[at:at + len(text)] != text:
                return False
        try:
            f = old.moved(shift)
        except Moved:
            return False
        if f.starts.get(key) != fn.start_byte:
            return False
        for k, start in f.starts.items():
            text = f.computed[k]
            if k in self.summaries or k in self._in_progress or data[start:start + len(text)] != text:
                return False
        for k, v in f.reads.items():
            if isinstance(v, tuple):  # a call that returned no summary: still none
                if k in self.summaries or not (k in self._in_progress or v[1] > MAX_SUMMARY_DEPTH):
                    return False
            elif self.summaries.get(k) != v:
                return False
        w = self._window
        for k, v in f.reads.items():
            if w is not None and not isinstance(v, tuple) and k not in w.computed:
                w.reads.setdefault(k, v)
            for outer in self._frames:
                if k not in outer.computed:
                    outer.reads.setdefault(k, v)
        for k, text in f.computed.items():
            if w is not None:
                w.computed[k] = text
            for outer in self._frames:
                outer.computed[k] = text
                outer.starts[k] = f.starts[k]
        self.summaries.update(f.summaries)
        self.hits.extend(f.hits)
        self.verdicts.extend(f.verdicts)
        self.dead.extend(f.dead)
        self._keep_frame(f)
        for k in f.computed:  # the frames computed within it, for the next run
            for d in range(depth + 1, MAX_SUMMARY_DEPTH + 1):
                inner = record.frames.get((k, d))
                if inner is not None and (k, d) not in self.frames:
                    with contextlib.suppress(Moved):
                        self._keep_frame(inner.moved(shift))
        return True

    def _analyze_function(self, key: str, fn: Node, depth: int) -> Summary:
        params, env, is_method = self._bind_parameters(fn)
        entry = Env(env)
        run = FunctionRun(self, fn, params, env, depth=depth)
        body = fn.child_by_field_name("body")
        try:
            end = run.exec_block(body.named_children, run.env) if body is not None else run.env
            if end is not None:
                run.exits.append([end.get(p) for p in params])
        except BudgetExceeded:
            return Summary(params=tuple(params), returns={i: frozenset() for i in range(len(params))},
                           path=self.doc.path, is_method=is_method)
        if self._cleans_html(fn):
            # the helper cleans what it returns with an HTML sanitiser library (allow-listed tags)
            run.param_hits = [h for h in run.param_hits if h.kind != "xss"]
            run.returned = [(v.cleared(_XSS), n) for v, n in run.returned]
            self.hits = [h for h in self.hits if not (h.kind == "xss" and fn.start_byte <= h.sink_start < fn.end_byte)]
        route = self._route_decorator(fn) if self.web else None
        if route is not None and (not self._serializes_returns or "HTMLResponse" in node_text(route)):
            for value, node in run.returned:
                run.check_route_return(value, node)
        ret = join(*[v for v, _ in run.returned]) if run.returned else CLEAN
        returns, sources, unknown = return_parts(ret)
        elements = tuple_elements([v for v, n in run.returned if not early_response(v, n)])
        sinks = []
        ranges = []
        for h in run.param_hits:
            sinks.append((h.flow.origin.param, h.kind, self.doc.position_at(h.sink_start).line if h.line < 0 else h.line,
                          h.sink_name, h.flow.cleared))
            ranges.append((h.sink_start, h.sink_end))
        flags = self._flag_defaults(fn, params, run) if run.param_hits else {}
        reached = self._reached_with_defaults(fn, flags, depth) if flags else None
        sink_flags: tuple[frozenset[int], ...] = ()
        if reached is not None:
            sink_flags = tuple(frozenset() if (h.flow.origin.param, h.kind, h.sink_start) in reached
                               else frozenset(flags) for h in run.param_hits)[:12]
            if not any(sink_flags):
                sink_flags = ()
        return Summary(params=tuple(params), returns=returns, returns_unknown=unknown, sink_flags=sink_flags,
                       returns_sources=tuple(dict.fromkeys(sources))[:3], sinks=tuple(sinks)[:12],
                       elements=elements,
                       sink_ranges=tuple(ranges)[:12], path=self.doc.path, is_method=is_method,
                       stores=tuple(dict.fromkeys(run.param_stores))[:8],
                       checks=predicate_checks(run, params, entry),
                       validates=validated_params(run.exits, [entry.get(p) for p in params]) if _raises(body) else {},
                       returns_shape=APP_PATH if self._app_path_helper(fn, run) else
                       _common_shape([v for v, _ in run.returned]))

    # ------------------------------------------------------------------ parameters and routes

    def _route_decorator(self, fn: Node) -> Node | None:
        for dec in self.decorators.get(fn.id, ()):
            expr = dec.named_children[0] if dec.named_children else None
            if expr is not None and expr.type == "call":
                f = expr.child_by_field_name("function")
                if f is not None and f.type == "attribute":
                    attr = node_text(f.child_by_field_name("attribute"))
                    if attr in self.model.route_decorators:
                        return expr
        return None


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
            if name is not None and node_text(name) in ("request", "req"):
                return not self._request_helper(fn)
        return False

    def _request_helper(self, fn: Node) -> bool:
        """A function that takes the request but is no view: FastAPI and Starlette route only what a
        route decorator registers, and a function this file calls is a helper of its callers (whose
        own parameters and request reads are the sources)."""
        if self._route_decorator(fn) is not None:
            return False
        if self._is_fastapi and not self._is_django:
            return True
        name = node_text(fn.child_by_field_name("name"))
        if not name:
            return False
        if fn.id in self.function_class:
            # class-based views dispatch HTTP methods (and DRF's viewset actions) by name; any other
            # method that takes the request is a helper of those, unless a decorator routes it
            return name not in self.library.view_methods and not self.decorators.get(fn.id)
        if name in self.called_elsewhere:
            return True
        if name not in self._called_names:
            self._called_names[name] = re.search(
                rb"(?<!def )(?<![\w.])" + re.escape(name.encode()) + rb"\s*\(", self.doc.data) is not None
        return self._called_names[name]

    def _bind_parameters(self, fn: Node) -> tuple[list[str], Env, bool]:
        params: list[str] = []
        env = Env()
        is_method = fn.id in self.function_class
        plist = fn.child_by_field_name("parameters")
        route = self._route_decorator(fn) if self.web else None
        route_text = node_text(route) if route is not None else ""
        int_params = set(re.findall(r"<(?:int|float|uuid):(\w+)>", route_text))
        # a project's own URL converter (`<user:member>`) hands the view the record it loaded
        int_params |= set(re.findall(r"<(?!(?:string|path|any|default|regex|re)\b)\w+(?:\([^)]*\))?:(\w+)>", route_text))
        # Flask-style routes pass only the URL's variables; any other parameter is injected by a
        # decorator (the signed-in user, a loaded record): not data the client chose
        path = re.match(r"[\w.]+\(\s*[rub]?[\"']([^\"']*)[\"']", route_text) if route is not None else None
        url_vars = set(re.findall(r"<(?:[^:<>]+:)?(\w+)>", path.group(1))) if path is not None \
            and self._url_vars_only else None
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
            names.append((p, node_text(name_node), name_node))
        first_is_request = self.web and bool(names) and names[0][1] in ("request", "req") or self.web and (
            len(names) > 1 and names[0][1] in ("self", "cls") and names[1][1] in ("request", "req"))
        if first_is_request and self._request_helper(fn):
            first_is_request = False
        for i, (p, name, name_node) in enumerate(names):
            params.append(name)
            if i == 0 and is_method and name in ("self", "cls"):
                env[name] = CLEAN
                continue
            if name in ("request", "req"):
                # the request object of a web framework: its sources are read through it. Outside a
                # framework's file, what the object is stays unknown: no sink it reaches is proven safe
                env[name] = CLEAN if self.web else UNKNOWN
                continue
            ann = p.child_by_field_name("type")
            ann_text = node_text(ann) if ann is not None else ""
            default = p.child_by_field_name("value")
            default_text = node_text(default) if default is not None else ""
            is_route_param = route is not None or (first_is_request and not is_method and i > 0) or (
                first_is_request and is_method and i > 1 and names[0][1] == "self")
            if is_route_param and url_vars is not None and name not in url_vars \
                    and p.type not in ("list_splat_pattern", "dictionary_splat_pattern"):
                env[name] = UNKNOWN
                continue
            if is_route_param and p.type not in ("dictionary_splat_pattern",):
                safe = (name in int_params or _annotation_is_safe(ann_text, self.model)
                        or default_text.startswith("Depends") or self._injected(ann_text)
                        or (route is None and ID_NAME.match(name) is not None)
                        or self._closed_type(ann_text) or self._validated_pattern(ann_text + " " + default_text)
                        or self._record_annotation(ann_text))
                if safe:
                    env[name] = CLEAN
                    continue
                marker = default_text.split("(")[0] if default_text else ""
                label = f"{marker}() parameter {name}" if marker in self.model.fastapi_markers else f"route parameter {name}"
                origin = Origin("source", label, "route-param", name_node.start_byte, name_node.end_byte)
                env[name] = Value(frozenset({Flow(origin)}), prefix="", shape="str")
                continue
            origin = Origin("param", f"parameter {name}", "", name_node.start_byte, name_node.end_byte, param=i)
            flow = Flow(origin)
            if _SCALAR_ANNOTATION.match(ann_text):
                # `user_id: UUID`, `page: int`: the function declares a value with no text of its own;
                # `str(user_id)` cannot hold a separator, a quote or a tag
                flow = flow.clear(ALL_KINDS)
            env[name] = Value(frozenset({flow}), shape=SQL_EXPRESSION if self._sql_statement_type(ann_text) else "")
        return params, env, is_method

    def _app_path_helper(self, fn: Node, run: FunctionRun) -> bool:
        """A helper named for the framework's URL builder (`url_for_item(name)`, model:
        app-path-helpers) that calls it: what it returns is a path of this app for the values it
        is given; its other branches (another configured site) are not the request's to pick."""
        pattern = self.model.app_path_helpers
        name = fn.child_by_field_name("name")
        return run.builds_app_path and pattern is not None and name is not None \
            and pattern.search(node_text(name)) is not None

    def _cleans_html(self, fn: Node) -> bool:
        """The body uses a library that cleans HTML (bleach, nh3, ...), imported here or in it."""
        cleaners = self.library.html_cleaners
        if self._cleaner_names is None:
            names = {local for local, full in self.imports.items()
                     if any(full == m or full.startswith(m + ".") for m in cleaners)}
            self._cleaner_names = names
            # one pattern for all of them: a name matches where any of the names would
            self._cleaner_uses = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(names))) + r")\b") \
                if names else None
        body = fn.child_by_field_name("body")
        text = node_text(body) if body is not None else ""
        if _cleaner_imports(cleaners).search(text):
            return True
        return self._cleaner_uses is not None and self._cleaner_uses.search(text) is not None

    def csrf_protected(self, fn: Node | None) -> bool:
        """A Django view that takes POSTs (a class-based view's post(), a function under
        `@require_POST`/`@csrf_protect`) and that nothing here exempts from the CSRF check: not
        its decorators, its class, nor a `csrf_exempt(View.as_view())` of this file (model:
        sources.csrf-form): its form body came with the site's CSRF token."""
        model = self.model
        exempt = model.csrf_form_exempt
        if fn is None or not self._is_django or exempt is None or model.csrf_form_views is None:
            return False
        if model.csrf_form_exempt_files is not None and model.csrf_form_exempt_files.search(self.doc.text):
            return False
        name_node = fn.child_by_field_name("name")
        name = node_text(name_node) if name_node is not None else ""
        decorators = [node_text(d) for d in self.decorators.get(fn.id, ())]
        cls = fn.parent
        while cls is not None and cls.type != "class_definition":
            cls = cls.parent
        if fn.id in self.function_class:
            if cls is None or name not in model.csrf_form_methods:
                return False
            outer = cls.parent if cls.parent is not None and cls.parent.type == "decorated_definition" else cls
            if exempt.search(node_text(outer)):
                return False  # @method_decorator(csrf_exempt, name="dispatch")
            name_node = cls.child_by_field_name("name")
            name = node_text(name_node) if name_node is not None else name
        elif not any(model.csrf_form_views.search(d) for d in decorators):
            return False
        if any(exempt.search(d) for d in decorators):
            return False
        # `publish = csrf_exempt(PublishView.as_view())`, `csrf_exempt(views.upload)`
        wrapped = re.compile(r"(?:" + exempt.pattern + r")\s*\(\s*(?:[\w.]+\.)?" + re.escape(name) + r"\b")
        return wrapped.search(self.doc.text) is None

    def _sql_statement_type(self, ann: str) -> bool:
        """`query: Select[T]`: a SQLAlchemy Core statement, whose values are bound parameters."""
        m = _ANNOTATION_BASE.match(ann.replace("Optional[", ""))
        if m is None or m.group(0).rsplit(".", 1)[-1] not in self.library.sql_expression_types:
            return False
        return self.resolve(m.group(0)).startswith(self.library.sql_expression_modules)

    def _injected(self, ann: str) -> bool:
        """The annotation is a FastAPI dependency alias (`session: DbSession`): the framework fills
        the parameter from the dependency, never from the request."""
        return bool(ann) and ann.strip().rsplit(".", 1)[-1] in self.injected

    def _record_annotation(self, ann: str) -> bool:
        """A parameter of a Django view (or of a helper that views call with the request) annotated
        with a class of a `models` module (`translation: Translation`): the framework or the
        calling view hands it the record it loaded, never text of the request. FastAPI reads a
        body into such an annotation, so only files that are Django's and not FastAPI's."""
        if not self._is_django or self._is_fastapi:
            return False
        base = ann.replace("Optional[", "").replace("]", "").split("|")[0].strip().strip("'\"")
        if not base or not base.rsplit(".", 1)[-1][:1].isupper():
            return False
        full = self.resolve(base)
        return re.search(r"(?:^|\.)models\.[A-Z]\w*$", full) is not None

    def _closed_type(self, ann: str) -> bool:
        """An Enum of the project or a Literal: only the declared values reach the handler."""
        base = ann.replace("Optional[", "").replace("]", "").split("|")[0].strip()
        if base.startswith("Annotated["):
            base = base[len("Annotated["):].split(",")[0].strip()
        return base.startswith(("Literal[", "typing.Literal[")) or (
            bool(base) and base.rsplit(".", 1)[-1] in self.enums)

    def _validated_pattern(self, text: str) -> bool:
        """`Query(pattern="^[a-z]{2}$")`: the framework rejects values that do not match an anchored
        pattern without dots, slashes or negated classes (names, codes and ids only)."""
        m = _PATTERN_KW.search(text)
        if m is None:
            return False
        raw = m.group(1)
        if raw[:1].isalpha() and raw.isidentifier() or raw.startswith("_"):
            v = self.globals.get(raw)
            pattern = v.const if v is not None and v.is_const and isinstance(v.const, str) else None
            if pattern is None:  # a constant of the module that its (budgeted) run did not reach
                d = re.search(rb"^" + re.escape(raw.encode()) + rb"""\s*=\s*\(?\s*[rR]?(["'])([^"'\n]*)\1\s*\)?\s*$""",
                              self.doc.data, re.MULTILINE)
                pattern = d.group(2).decode("utf-8", "replace") if d is not None else None
        else:
            pattern = raw.lstrip("rR")[1:-1]
        return pattern is not None and restrictive_pattern(pattern)

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


@lru_cache(maxsize=8)
def _cleaner_imports(cleaners: tuple[str, ...]) -> re.Pattern[str]:
    """An import of any of the HTML-cleaning modules (one pattern: one pass over a body)."""
    return re.compile(r"\b(?:import|from)\s+(?:" + "|".join(map(re.escape, cleaners)) + r")\b")


def _raises(body: Node | None) -> bool:
    """A raise in the body, outside nested definitions: a helper that checks by refusing (one
    that only cleans its own copy of a value proves nothing of the caller's)."""
    stack = [body] if body is not None else []
    while stack:
        n = stack.pop()
        if n.type == "raise_statement":
            return True
        stack.extend(c for c in n.named_children if c.type not in ("function_definition", "class_definition",
                                                                   "lambda"))
    return False


def _wrap(definition: Node):
    """Index the definition of a decorated definition as if it stood alone."""

    class _W:
        type = "_wrapped"
        named_children = [definition]
    return _W()


_PATTERN_KW = LazyPattern(r"""\b(?:pattern|regex)\s*=\s*([rR]?"[^"]*"|[rR]?'[^']*'|[A-Za-z_]\w*)""")
_ENUM_BASES = LazyPattern(r"\b(?:Enum|IntEnum|StrEnum|Flag|IntFlag|TextChoices|IntegerChoices|Choices)\b")


def restrictive_pattern(pattern: str) -> bool:
    """Anchored at both ends, no dot, slash, backslash class of 'anything else' or negated class."""
    anchored = pattern.startswith("^") and pattern.endswith(("$", "\\Z"))
    return anchored and "." not in pattern and "/" not in pattern and re.search(r"\\[SWDs]|\[\^", pattern) is None


def _annotation_is_safe(ann: str, model: TaintModel) -> bool:
    if not ann:
        return False
    if _INLINE_DEPENDENCY.match(ann):
        return True  # Annotated[SettingsService, Depends(get_settings_service)]: filled by the dependency
    base = ann.replace("Optional[", "").replace("]", "").split("|")[0].strip()
    if base.startswith("Annotated["):
        base = base[len("Annotated["):].split(",")[0].strip()
    return base in model.safe_annotations or base.split(".")[-1] in model.safe_annotations


_ANNOTATION_BASE = LazyPattern(r"[A-Za-z_][\w.]*")
_SCALAR_ANNOTATION = LazyPattern(r"^(?:int|float|bool|(?:uuid\.)?UUID|(?:decimal\.)?Decimal|(?:datetime\.)?(?:datetime|date))$")
_INLINE_DEPENDENCY = LazyPattern(r"^(?:typing\.)?Annotated\[[\s\S]*,\s*(?:fastapi\.)?(?:Depends|Security)\s*\(")


class FunctionRun(StatementsMixin, GuardsMixin, ExpressionsMixin, CallsMixin, SinksMixin):
    """Abstract interpretation of one function body (or the module body)."""

    def __init__(self, fa: FileAnalysis, fn: Node | None, params, env: Env, depth: int = 0) -> None:
        self.fa = fa
        self.model = fa.model
        self.lib = fa.library
        self.doc = fa.doc
        self.fn = fn
        self.params = params
        self.env = Env(env)
        self.depth = depth
        self.returned: list[tuple[Value, Node]] = []
        self.return_envs: list[Env] = []  # the environment at each return, in the order of `returned`
        self.exits: list[list[Value | None]] = []  # the parameters' values at each return and at the end
        self.param_hits: list[Hit] = []
        self.evals = 0
        self.guarded_reads: dict[str, Node] = {}  # env key of a guarded read -> its expression
        self.cls = fa.function_class.get(fn.id, "") if fn is not None else ""
        self.param_stores: list[tuple[int, int]] = []  # (param stored, param whose item it becomes)
        self.url_parts: dict[str, str] = {}  # host = urlparse(url).hostname: host -> url
        # real = realpath(join(root, name)): real -> (name, the value name held then)
        self.path_parts: dict[str, tuple[str, Value]] = {}
        self.checks: dict[str, Node] = {}  # ok = is_safe(url): the name -> the check it holds
        self.builds_app_path = False  # the body calls the framework's URL builder (url_for, reverse)
        self.is_module = fn is None

    # ------------------------------------------------------------------ statements


def _common_shape(returned: list[Value]) -> str:
    """"dict" or "list" when every return of a function is one, else ""."""
    shapes = {v.shape for v in returned}
    return shapes.pop() if len(shapes) == 1 and shapes <= {"dict", "list"} else ""
