"""The taint analyzer: untrusted data followed from its source to a sink, in Python.

Rule matcher (the rule carries the metadata; the model file says what a sink is):

    analyzer: taint
    sink-kind: command-injection

Findings name the source, the path (as related locations) and the sink. Sinks whose
dangerous arguments are proven safe are recorded as verdicts in the ScanContext, so
that syntactic rules tagged `taint-deferrable` stay quiet there. `prepare` builds
function summaries for the whole project (cross-file flows); a single-file scan
uses the file's own summaries.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from railguard.engine.analyzers.base import Analyzer, SafeVerdict
from railguard.engine.engine import DEFERRABLE_TAG
from railguard.engine.findings import make_finding
from railguard.engine.taint.flow import FileAnalysis, Hit, Summary
from railguard.engine.taint.library import load_library
from railguard.engine.taint.model import TaintModel, is_low_sink, load_model
from railguard.engine.taint.replay import Moved, Record, Shift, index_moved
from railguard.engine.taint.syntax import dependency_aliases
from railguard.engine.taint.trust import admin_only
from railguard.engine.taint.values import PATH_ONLY
from railguard.model import Confidence, Location, Notice, Range, Rule
from railguard.rules.loader import RuleError

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.cache import SignedStore
    from railguard.engine.document import Document
    from railguard.model import Finding

SUMMARY_CACHE_VERSION = "5"
MAX_PROJECT_FILE_BYTES = 400_000
KEPT_RECORDS = 8  # editor buffers whose last taint run is kept for the next one


def module_name(display: str) -> str:
    p = display[:-3] if display.endswith(".py") else display
    parts = [x for x in p.replace("\\", "/").split("/") if x and x != "."]
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


class TaintAnalyzer(Analyzer):
    name = "taint"
    precedence = 6

    def __init__(self, rules: list[Rule], config: Config) -> None:
        self.config = config
        self.rules: dict[str, Rule] = {}
        self.errors: list[RuleError] = []
        self.model: TaintModel = load_model()
        for rule in rules:
            kind = rule.matcher.get("sink-kind")
            if not isinstance(kind, str) or kind not in self.model.kinds:
                known = ", ".join(self.model.kinds)
                self.errors.append(RuleError(rule.source, rule.id, "sink-kind",
                                             f"unknown sink kind {kind!r} (known: {known})"))
                continue
            self.rules[kind] = rule
        self._project_id: int | None = None
        self._project: dict[str, Summary] = {}
        self._reported = False
        self._records: dict[str, Record] = {}  # editor buffers: the last run (taint/replay.py)

    def applies_to(self, document: Document) -> bool:
        return document.language == "python" and bool(self.rules or self.errors)

    # ------------------------------------------------------------------ one file

    def analyze(self, document: Document, context: ScanContext) -> Iterable[Finding]:
        if self.errors and not self._reported:
            self._reported = True
            context.notices.extend(Notice(e.source, str(e).split(": ", 1)[-1], "error") for e in self.errors)
        data = document.data
        deferrable = [(f.range.start_byte, f.range.end_byte) for f in context.findings
                      if DEFERRABLE_TAG in f.tags and f.path == document.path]
        web = self._is_web(data)
        sources = self.model.source_prefilter
        if not deferrable and not web and not sources.search(data):
            return []  # no untrusted data enters here and no syntactic finding waits for a verdict
        analysis = FileAnalysis(document, self.model, self._project_summaries(context),
                                module_name(document.path), enums=self._project_names(context, "enums"),
                                called=self._project_names(context, "called"),
                                injected=self._project_names(context, "injected"))
        requests = self.model.request_prefilter

        def entry(fn) -> bool:
            """Functions worth analysing on their own; the others are summarised when called."""
            start, end = fn.start_byte, fn.end_byte
            return (any(start <= s < end for s, _ in deferrable) or analysis.is_handler(fn)
                    or sources.search(data, start, end) is not None
                    or (web and requests.search(data, start, end) is not None))

        self._replay(analysis, document, context, web)
        analysis.run(entry_filter=entry)
        if analysis.recording:
            self._records[document.path] = Record(data, analysis.index_signature(), analysis.spans,
                                                  analysis.module_computed, analysis.windows, analysis.frames)
            while len(self._records) > KEPT_RECORDS:
                self._records.pop(next(iter(self._records)))
        for start, end in analysis.dead:
            context.verdicts.append(SafeVerdict(document.path, start, end, ()))
        for v in analysis.verdicts:
            rule = self.rules.get(v.kind)
            if rule is not None:
                context.verdicts.append(SafeVerdict(document.path, v.start, v.end, rule.cwe))
        context.verdicts.extend(self._weak_sources_only(document, analysis.hits))
        return self._findings(document, analysis.hits)

    def _weak_sources_only(self, doc: Document, hits: list[Hit]) -> list[SafeVerdict]:
        """Sinks every traced flow of which comes from a source reported at low confidence for the
        sink's kind (console input into a command), or picks only the path of a URL whose scheme and
        host are fixed (`settings.API_URL + f"/items/{name}"`): the syntactic rules tagged
        `taint-deferrable` give way there, as where no source reaches the sink; the low taint
        finding stays."""
        weak: dict[tuple[str, int, int], bool] = {}
        for h in hits:
            key = (h.kind, h.sink_start, h.sink_end)
            low = is_low_sink(self.model, h.flow.origin.source_kind, h.kind, h.sink_name) \
                or PATH_ONLY + h.kind in h.flow.cleared
            weak[key] = weak.get(key, True) and low
        out = []
        for (kind, start, end), only_weak in weak.items():
            rule = self.rules.get(kind)
            if only_weak and rule is not None:
                out.append(SafeVerdict(doc.path, start, end, rule.cwe))
        return out

    def _replay(self, analysis: FileAnalysis, document: Document, context: ScanContext, web: bool) -> None:
        """In the editor, a single-file run outside web frameworks is recorded, and re-uses the
        previous run of the same buffer where the edit (strictly inside a function) changed
        nothing it depended on (taint/replay.py)."""
        if context.surface != "editor" or web or analysis.web or analysis.project or analysis.called_elsewhere:
            self._records.pop(document.path, None)
            return
        analysis.recording = True
        record = self._records.pop(document.path, None)
        if record is None:
            return
        shift = Shift(record.data, document.data)
        if not (shift.inside(record.spans, new=False) and shift.inside(analysis.spans, new=True)):
            return
        try:
            same = index_moved(record.index, shift) == analysis.index_signature()
        except Moved:
            return
        data = document.data
        for key, text in record.module.items():  # what the module body's run analysed is unchanged
            fn = analysis.functions.get(key)
            if fn is None or data[fn.start_byte:fn.end_byte] != text:
                return
        if same:
            analysis.replay = (record, shift)

    def _is_web(self, data: bytes) -> bool:
        return self.model.web_import is not None and self.model.web_import.search(data) is not None

    def _project_names(self, context: ScanContext, key: str) -> frozenset[str]:
        """Names the project pass found: Enum classes ("enums"), functions taking the request that
        code of the project calls ("called": helpers, not views), FastAPI dependency aliases
        ("injected")."""
        raw = context.project.get(self.name)
        names = raw.get(key) if isinstance(raw, dict) else None
        return frozenset(e for e in names if isinstance(e, str)) if isinstance(names, list) else frozenset()

    def _project_summaries(self, context: ScanContext) -> dict[str, Summary]:
        raw = context.project.get(self.name)
        if not raw:
            return {}
        if id(raw) != self._project_id:
            self._project_id = id(raw)
            self._project = index_summaries(raw.get("functions", {}))
        return self._project

    def _findings(self, doc: Document, hits: list[Hit]) -> list[Finding]:
        best: dict[tuple[str, int, int], Hit] = {}
        for h in hits:
            key = (h.kind, h.sink_start, h.sink_end)
            cur = best.get(key)
            if cur is None or self._confidence(h) > self._confidence(cur):
                best[key] = h
        out = []
        for (kind, start, end), h in sorted(best.items(), key=lambda kv: kv[0][1]):
            rule = self.rules.get(kind)
            if rule is None:
                continue
            o = h.flow.origin
            related: list[Location] = [Location(doc.path, doc.range_of(o.start, o.end), f"source: {o.label}")]
            for step in h.flow.steps + h.via:
                msg = step.message
                if msg.startswith("flows into") or msg.startswith("passed to"):
                    msg = f"{o.label} {msg}"
                related.append(Location(doc.path, doc.range_of(step.start, step.end), msg))
            if h.path:
                related.append(Location(h.path, Range.of_lines(h.line, 0, h.line, 0), f"sink: {h.sink_name}"))
            sink = h.sink_name if h.sink_name != "return" else "the response"
            finding = make_finding(rule, doc, start, end, captures={"source": o.label, "sink": sink},
                                   related=tuple(related[:10]), analyzer=self.name)
            # the source's kind sets the confidence, capped by the rule's own (a sink kind whose
            # real-world precision is poor, such as the session store, stays below the CI threshold)
            confidence = min(self._confidence(h), rule.confidence)
            if self._admin_only(doc, h) or PATH_ONLY + kind in h.flow.cleared \
                    or is_low_sink(self.model, o.source_kind, kind, h.sink_name):
                confidence = Confidence.LOW
            out.append(finding.with_changes(confidence=confidence))
        return out

    def _admin_only(self, doc: Document, h: Hit) -> bool:
        """The source is read in a handler only administrators reach, and the sink kind is one
        where what the operator configures is the feature (trust.py)."""
        guards = self.model.admin_guards
        o = h.flow.origin
        if guards is None or h.kind not in guards.lowered or o.path or o.end <= o.start:
            return False
        node = doc.tree.root_node.descendant_for_byte_range(o.start, o.end)
        return node is not None and admin_only(node, guards, h.sink_start)

    def _confidence(self, h: Hit):
        return self.model.confidence_of(h.flow.origin.source_kind)

    # ------------------------------------------------------------------ the project

    def prepare(self, files: list[tuple[Path, str]], config: Config, *, surface: str = "ci",
                use_cache: bool = False, read: Callable[[Path, str], bytes | None] | None = None) -> dict:
        """Summaries of the project's functions that code with untrusted data imports, for flows
        that cross files (JSON-serialisable). Text passes pick the work: files where untrusted data
        enters name, through their imports, the modules and functions they use; only those
        functions are analysed (with what they call in their own file).

        `read` gives a file's content (the commit gate reads the index, not the work tree);
        `use_cache` lets signed summaries from the user's cache dir be reused (never at the gate)."""

        sources = self.model.source_prefilter
        texts: dict[str, bytes] = {}
        wanted: dict[str, set[str]] = {}  # module -> function names ("*": any)
        for path, display in files:
            if not display.endswith(".py"):
                continue
            data = _read_file(path, display) if read is None else read(path, display)
            if data is None:
                continue
            if len(data) > MAX_PROJECT_FILE_BYTES or b"\0" in data[:8192]:
                continue
            texts[display] = data
            if self._is_web(data) or sources.search(data):
                for module, name in imported_names(data, module_name(display)):
                    wanted.setdefault(module, set()).add(name)
        enums = _enum_classes(texts.values())
        injected = sorted({name for data in texts.values() for name in dependency_aliases(data)})
        called = _called_request_functions(texts)
        if not wanted:
            return {"functions": {}, "enums": enums, "called": called, "injected": injected}
        store = _summary_store(config) if use_cache and config.get("cache") else None
        seen: set[str] = set()
        first = _defining_files(texts, wanted)
        # one hop further: what the imported functions call in other files (a path check in a
        # helper module), summarised first so that the first hop's summaries can use them
        deeper: dict[str, set[str]] = {}
        again: dict[str, set[str]] = {}  # ... that a file with untrusted data imports too
        for display, _names in first.items():
            for module, name in imported_names(texts[display], module_name(display)):
                (again if name in wanted.get(module, ()) else deeper).setdefault(module, set()).add(name)
        hop = _defining_files(texts, deeper)
        # a statement builder (`insert_on_conflict(...)` of a module that imports SQLAlchemy) that the
        # web code imports too is summarised first as well (and again with the first hop): the helpers
        # that execute its statements then know that their values are bound parameters
        # so is a module that builds response objects (`return app.response_class(...)`): a view that
        # answers what its helper returns then answers a response, not text
        for display, defined in _defining_files(texts, again).items():
            if _statement_builders().search(texts[display]) or _response_builders().search(texts[display]):
                hop[display] = hop.get(display, set()) | defined
        inner: dict[str, dict] = {}
        for display, defined in hop.items():
            inner.update(self._cached_summaries(store, seen, display + "\x00deps", texts[display], defined, None,
                                                called=called))
        project = index_summaries(inner) if inner else None
        context_digest = hashlib.sha256(json.dumps(inner, sort_keys=True).encode()).hexdigest()[:16]
        functions: dict[str, dict] = dict(inner)
        for display, defined in first.items():
            functions.update(self._cached_summaries(store, seen, display, texts[display], defined, project,
                                                    context_digest, called))
        if store is not None:
            store.retain(seen)
            store.save()
        return {"functions": functions, "enums": enums, "called": called, "injected": injected}

    def _cached_summaries(self, store: SignedStore | None, seen: set[str], key: str, data: bytes,
                          defined: set[str], project: dict[str, Summary] | None, context: str = "",
                          called: list[str] | None = None) -> dict:
        from railguard.engine.document import Document

        display = key.split("\x00", 1)[0]
        # the functions of this file that are helpers, not views (called from other files)
        helpers = sorted(set(called or ()) & {m.decode() for m in _DEFINED.findall(data)})
        digest = hashlib.sha256(data + repr((sorted(defined), helpers)).encode() + context.encode()).hexdigest()[:24]
        cached = store.get(key, digest) if store is not None else None
        if isinstance(cached, dict):
            sums = cached
        else:
            sums = self._summaries_of(Document(display, data, "python"), defined, project, frozenset(helpers))
            if store is not None:
                store.put(key, digest, sums)
        seen.add(key)
        return sums

    def _summaries_of(self, doc: Document, names: set[str], project: dict[str, Summary] | None = None,
                      called: frozenset[str] = frozenset()) -> dict[str, dict]:
        mod = module_name(doc.path)
        try:
            analysis = FileAnalysis(doc, self.model, project, mod, called=called)
            analysis.run(entry_filter=lambda fn: _function_name(fn) in names, module_body=False)
        except (RecursionError, ValueError):
            return {}
        return {f"{mod}.{key}" if mod else key: s.to_json()
                for key, s in analysis.summaries.items() if s is not None and not s.is_default()}


_REQUEST_FUNCTION = re.compile(rb"^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\([ \t]*(?:self[ \t]*,[ \t]*)?req(?:uest)?\b",
                               re.MULTILINE)


def _called_request_functions(texts: dict[str, bytes]) -> list[str]:
    """Functions whose first parameter is the request and that some code of the project calls
    (`helpers.register(request, form)`): helpers of views, not views a URL routes to. The text
    passes run on RE2 (linear, and far faster than `re` over a whole project); what RE2 cannot
    say (the character before a name) is checked at each of the few places it finds."""
    import re2  # type: ignore[import-not-found]  # google-re2, a dependency

    from railguard.engine.lazyre import re2_options

    options = re2_options()
    definition = re2.compile(b"(?m)" + _REQUEST_FUNCTION.pattern, options)
    names: set[bytes] = set()
    modules: set[bytes] = set()  # `common.register(...)`: the defining module's last name
    for display, data in texts.items():
        found_here = definition.findall(data)
        if found_here:
            names.update(found_here)
            modules.add(module_name(display).rsplit(".", 1)[-1].encode())
    if not names:
        return []
    alternatives = b"|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    call = re2.compile(rb"(" + alternatives + rb")[ \t]*\(", options)
    found: set[bytes] = set()
    for data in texts.values():
        for m in call.finditer(data):
            name, start = m.group(1), m.start()
            if name in found:
                continue
            before = data[max(0, start - 256):start]
            if before.endswith(b"."):  # `common.register(`: the qualifier names a defining module
                qualifier = _QUALIFIER.search(before)
                if qualifier is None or qualifier.group(1) not in modules:
                    continue
            elif before[-1:].isalnum() or before.endswith((b"_", b"def ")):
                continue  # part of a longer name, or the definition itself
            found.add(name)
    return sorted(n.decode() for n in found)


_QUALIFIER = re.compile(rb"(?<![\w.])(\w+)\.\Z")


def _defining_files(texts: dict[str, bytes], wanted: dict[str, set[str]]) -> dict[str, set[str]]:
    """The files that define the wanted (module, function) names, with the names each defines."""
    by_suffix: dict[str, set[str]] = {}
    for module in wanted:
        by_suffix.setdefault(module.rsplit(".", 1)[-1], set()).add(module)
    out: dict[str, set[str]] = {}
    for display, data in texts.items():
        mod = module_name(display)
        names: set[str] = set()
        for module in by_suffix.get(mod.rsplit(".", 1)[-1], ()):
            if mod == module or mod.endswith("." + module) or module.endswith("." + mod):
                names |= wanted[module]
        if not names:
            continue
        defined = {m.decode() for m in _DEFINED.findall(data)} & names
        if defined:
            out[display] = defined
    return out


@lru_cache(maxsize=1)
def _statement_builders() -> re.Pattern[bytes]:
    """An import of a library that builds SQL statements with bound values (library:
    sql-expression-modules: SQLAlchemy Core, SQLModel)."""
    roots = sorted({m.rstrip(".") for m in load_library().sql_expression_modules})
    return re.compile(rb"^[ \t]*(?:from|import)[ \t]+(?:" + b"|".join(re.escape(r.encode()) for r in roots)
                      + rb")\b", re.MULTILINE)


@lru_cache(maxsize=1)
def _response_builders() -> re.Pattern[bytes]:
    """A returned call of a response class (library: response-types), `return Response(...)`,
    or a response built first (`response = app.response_class(...)`)."""
    names = sorted({n.rsplit(".", 1)[-1] for n in load_library().response_types})
    return re.compile(rb"^[ \t]*(?:return|\w+[ \t]*=)[ \t]+[\w.]*\b(?:"
                      + b"|".join(re.escape(n.encode()) for n in names) + rb")\(", re.MULTILINE)


def _function_name(fn) -> str:
    name = fn.child_by_field_name("name")
    return name.text.decode("utf-8", "replace") if name is not None and name.text else ""


_FROM_IMPORT = re.compile(rb"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)", re.MULTILINE)
_IMPORT = re.compile(rb"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?([\w, \t\\\n]+?)\)?[ \t]*(?:#.*)?$",
                          re.MULTILINE)
_IMPORT = re.compile(rb"^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?", re.MULTILINE)
# `x.f(...)`, and `x.sub.f(...)` on a package imported as x (`import app.models as models`)
_ATTR_CALL = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)?)\.([A-Za-z_]\w*)\s*\(")


def imported_names(data: bytes, this_module: str) -> set[tuple[str, str]]:
    """(module, function) pairs a file may call from other modules: `from m import f` gives
    (m, f); `import m as x` or `from p import m as x` with `x.f(...)` gives (m, f), and `x.sub.f(...)`
    gives (m.sub, f)."""
    out: set[tuple[str, str]] = set()
    aliases: dict[str, str] = {}  # local name -> dotted name, for `local.f(...)`
    for raw_module, raw_names in _FROM_IMPORT.findall(data):
        module = raw_module.decode()
        if module.startswith("."):
            level = len(module) - len(module.lstrip("."))
            package = this_module.split(".")[:-level] if this_module else []
            rest = module.lstrip(".")
            module = ".".join(package + ([rest] if rest else []))
        for part in raw_names.decode().strip("()").replace("\\", " ").replace("\n", " ").split(","):
            words = part.split()
            if not words:
                continue
            out.add((module, words[0]))
            aliases[words[-1]] = f"{module}.{words[0]}" if module else words[0]
    for full, alias in _IMPORT.findall(data):
        aliases[(alias or full).decode()] = full.decode()
    if aliases:
        for head, sub, attr in _ATTR_CALL.findall(data):
            full = aliases.get(head.decode())
            if full is not None:
                out.add((full + sub.decode(), attr.decode()))
    return {(m, n) for m, n in out if m}


_CLASS_BASES = re.compile(rb"^[ \t]*class[ \t]+(\w+)[ \t]*\(([^)]*)\)", re.MULTILINE)
_ENUM_ROOTS = frozenset({"Enum", "IntEnum", "StrEnum", "IntFlag", "Flag", "TextChoices", "IntegerChoices", "Choices"})


def _enum_classes(texts: Iterable[bytes]) -> list[str]:
    """Enum classes of the project, also through its own bases (`class Countable(AutoEnum)` where
    `class AutoEnum(str, Enum)`): closed types whose values a handler's parameter is limited to."""
    bases: dict[str, set[str]] = {}
    for data in texts:
        for name, raw in _CLASS_BASES.findall(data):
            found = {b.strip().rsplit(".", 1)[-1] for b in raw.decode("utf-8", "replace").split(",") if b.strip()}
            bases.setdefault(name.decode(), set()).update(found)
    enums: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, of in bases.items():
            if name not in enums and of & (_ENUM_ROOTS | enums):
                enums.add(name)
                changed = True
    return sorted(enums)
_DEFINED = re.compile(rb"^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)", re.MULTILINE)


def index_summaries(raw: dict[str, dict]) -> dict[str, Summary]:
    """Full dotted keys plus every unambiguous dotted suffix of two or more parts."""
    out: dict[str, Summary] = {}
    ambiguous: set[str] = set()
    for key, d in raw.items():
        s = Summary.from_json(d)
        out[key] = s
        parts = key.split(".")
        for i in range(1, len(parts) - 1):
            suffix = ".".join(parts[i:])
            if suffix in out and suffix not in raw and out[suffix] is not s:
                ambiguous.add(suffix)
            out.setdefault(suffix, s)
    for a in ambiguous:
        out.pop(a, None)
    return out


def _read_file(path: Path, _display: str) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _summary_store(config: Config) -> SignedStore:
    """Summaries are keyed by railguard's version, the taint model's content and the file's hash."""
    from railguard import __version__
    from railguard.engine.cache import summary_store
    from railguard.engine.taint.model import MODEL_DIR

    try:
        model = hashlib.sha256((MODEL_DIR / "python.yaml").read_bytes()).hexdigest()[:16]
    except OSError:
        model = "none"
    context = f"taint-summaries:{SUMMARY_CACHE_VERSION}:{__version__}:{model}"
    return summary_store(config, f"taint-summaries-{SUMMARY_CACHE_VERSION}.json", context)


ANALYZER = TaintAnalyzer
