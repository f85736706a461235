"""Abstract values of the taint analysis.

A value carries the flows that reach it (each from an origin: a source, a
parameter of the function being summarised, or an unknown value), the sink kinds
each flow has been made safe for, element-precise contents for containers built
with constant keys, the known constant prefix of a string, and a constant when
the value is one (for branches decided at compile time).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from railguard.engine.lazyre import LazyPattern
from railguard.engine.taint.syntax import PINNED_URL

MAX_FLOWS = 6
MAX_STEPS = 6


class Origin(NamedTuple):
    kind: str  # "source" | "param" | "unknown"
    label: str  # "request.args", "param 1", ...
    source_kind: str = ""  # request, cli, environment, ... (for confidence)
    start: int = 0
    end: int = 0
    param: int = -1
    path: str = ""  # the file of the origin when it is not the scanned one
    line: int = -1  # 0-based line when path is another file


class Step(NamedTuple):
    start: int
    end: int
    message: str
    path: str = ""
    line: int = -1


class Flow(NamedTuple):
    origin: Origin
    cleared: frozenset[str] = frozenset()
    steps: tuple[Step, ...] = ()

    def clear(self, kinds: frozenset[str]) -> Flow:
        return self._replace(cleared=self.cleared | kinds)

    def add_step(self, step: Step) -> Flow:
        if len(self.steps) >= MAX_STEPS or (self.steps and self.steps[-1][:2] == step[:2]):
            return self
        return self._replace(steps=self.steps + (step,))


UNKNOWN_ORIGIN = Origin("unknown", "unknown")
UNKNOWN_FLOW = Flow(UNKNOWN_ORIGIN)
NOCONST: Any = object()


class Value:
    """Immutable by convention: operations return new values."""

    __slots__ = ("flows", "fields", "prefix", "const", "shape", "choices", "tail")

    def __init__(self, flows: frozenset[Flow] = frozenset(), fields: dict | None = None,
                 prefix: str | None = None, const: Any = NOCONST, shape: str = "") -> None:
        self.flows = flows if len(flows) <= MAX_FLOWS else _cap(flows)
        self.fields = fields
        self.prefix = prefix
        self.const = const
        self.shape = shape
        self.choices: tuple[str, ...] | None = None  # the constant strings it is one of ("a.html" if c else "b.html")
        self.tail = ""  # fixed text it ends with (name + ".")

    def all_flows(self) -> frozenset[Flow]:
        if not self.fields:
            return self.flows
        out = set(self.flows)
        for v in self.fields.values():
            out.update(v.all_flows())
        return _cap(out)

    @property
    def is_const(self) -> bool:
        return self.const is not NOCONST

    def flat(self) -> Value:
        """The value as one piece (a container's elements merged)."""
        if not self.fields:
            return self
        return Value(self.all_flows(), None, self.prefix, self.const, self.shape)

    def with_flows(self, flows: frozenset[Flow]) -> Value:
        return Value(_cap(flows), self.fields, self.prefix, self.const, self.shape)

    def cleared(self, kinds: frozenset[str]) -> Value:
        flows = frozenset(f.clear(kinds) for f in self.all_flows())
        return Value(flows, None, self.prefix, self.const, self.shape)

    def stepped(self, step: Step) -> Value:
        if not self.flows and not self.fields:
            return self
        fields = {k: v.stepped(step) for k, v in self.fields.items()} if self.fields else self.fields
        flows = frozenset(f if f.origin.kind == "unknown" else f.add_step(step) for f in self.flows)
        return Value(flows, fields, self.prefix, self.const, self.shape)

    def __repr__(self) -> str:  # for tests and debugging
        labels = sorted(f"{f.origin.label}" + (f"-{sorted(f.cleared)}" if f.cleared else "") for f in self.flows)
        return f"Value({labels}, fields={self.fields}, const={self.const if self.is_const else '-'})"


CLEAN = Value()
UNKNOWN = Value(frozenset({UNKNOWN_FLOW}))


def _cap(flows) -> frozenset[Flow]:
    flows = frozenset(flows)
    if len(flows) <= MAX_FLOWS:
        return flows
    # keep real sources first, then parameters, then one unknown
    order = {"source": 0, "param": 1, "unknown": 2}
    ranked = sorted(flows, key=lambda f: (order.get(f.origin.kind, 3), len(f.cleared), len(f.steps), flow_order(f)))
    return frozenset(ranked[:MAX_FLOWS])


def flow_order(f: Flow) -> tuple:
    """A total order on flows: where a set of flows becomes a list (hits, summaries, a capped
    set), the result must not depend on the process's string hash seed."""
    return (f.origin.start, f.origin.end, f.origin, tuple(sorted(f.cleared)), f.steps)


def ordered(flows: Iterable[Flow]) -> list[Flow]:
    return sorted(flows, key=flow_order)


def join(*values: Value) -> Value:
    values = tuple(v for v in values if v is not None)
    if not values:
        return CLEAN
    first = values[0]
    if len(values) == 1 or all(v is first for v in values):
        return first
    same_fields = all(v.fields is not None for v in values)
    fields = None
    flows: set[Flow] = set()
    if same_fields:
        keys: set = set()
        for v in values:
            keys.update(v.fields)
        fields = {}
        for k in keys:
            parts = [v.fields.get(k) for v in values]
            fields[k] = join(*[p for p in parts if p is not None])
        for v in values:
            flows.update(v.flows)
    else:
        for v in values:
            flows.update(v.all_flows())
    prefix = first.prefix if all(v.prefix == first.prefix for v in values) else _common_prefix(values)
    const = first.const if all(v.is_const and v.const == first.const and type(v.const) is type(first.const)
                                for v in values) else NOCONST
    shape = first.shape if all(v.shape == first.shape for v in values) else ""
    if not shape and all(on_this_site(v) for v in values) and not (prefix and PINNED_URL.match(prefix)):
        shape = APP_PATH  # `url = url_for(...)` or `url + "&" + query` by branch: a path of this site either way
    out = Value(_cap(flows), fields, prefix, const, shape)
    if const is NOCONST and len(values) <= 8 and all(v.is_const and isinstance(v.const, str) for v in values):
        out.choices = tuple(v.const for v in values)
    return out


# text stripped of its leading slashes and backslashes (`path.lstrip("/\\")`)
NO_LEADING_SLASH = "no-leading-slash"


def on_this_site(v: Value) -> bool:
    """A URL that stays on this site: a path of the app, or text pinned to a host or a path, or a
    relative reference whose first segment is fixed (`"register?otp={}".format(otp)`: no scheme,
    no host, resolved against the current page)."""
    return v.shape == APP_PATH or bool(v.prefix and (PINNED_URL.match(v.prefix) or _RELATIVE.match(v.prefix)))


_RELATIVE = LazyPattern(r"^[A-Za-z0-9_~-][A-Za-z0-9_.~-]*[/?#]")


def _common_prefix(values: tuple[Value, ...]) -> str | None:
    prefixes = [v.prefix for v in values]
    if any(p is None for p in prefixes):
        return None
    out = prefixes[0] or ""
    for p in prefixes[1:]:
        n = 0
        while n < min(len(out), len(p)) and out[n] == p[n]:
            n += 1
        out = out[:n]
    return out


# ---------------------------------------------------------------------- operations on values


def element_of(v: Value) -> Value:
    if v.fields is not None:
        return join(*v.fields.values()).with_flows(join(*v.fields.values()).all_flows() | v.flows) if v.fields \
            else Value(v.flows)
    return Value(v.all_flows(), shape="str" if is_request_value(v) else "")


def int_keys(fields: dict) -> bool:
    return all(isinstance(k, int) and not isinstance(k, bool) for k in fields) and \
        sorted(fields) == list(range(len(fields)))


def hashable(x: Any) -> bool:
    try:
        hash(x)
    except TypeError:
        return False
    return True


def has_source(v: Value) -> bool:
    return any(f.origin.kind in ("source", "param") for f in v.all_flows())


# shape of a decoded JSON document (`resp.json()`): a dict or a list, which a Flask view answers
# as application/json; its items are text as a request's are
JSON_DATA = "json-data"


def is_request_value(v: Value) -> bool:
    return v.shape in ("request", "str", JSON_DATA)


# a mark on a flow that decides only the path of a URL whose scheme and host are fixed: still
# reported (a path on an internal API can matter), at low confidence
PATH_ONLY = "path-only:"
_HOST_KINDS = frozenset({PATH_ONLY + "ssrf", PATH_ONLY + "open-redirect"})


def host_fixed_flows(parts: list[Value]) -> frozenset[Flow] | None:
    """`f"{base_url}/{path}"`: a URL that starts with a value free of untrusted data (a configured
    base URL) followed by a path separator. Its scheme and host are the base's: what comes after
    decides the path only, so those flows are marked path-only for SSRF and redirects. None otherwise."""
    if len(parts) >= 2 and parts[0].shape == URL_BASE and not has_source(parts[0]):
        head, tail = set(parts[0].all_flows()), parts[1:]  # (base + "/") + path
    elif not _base_and_separator(parts) or len(parts) < 3 and parts[1].is_const:
        return None
    else:
        # base + "/" + path; base + f"/items/{path}": the separator starts a text of its own
        head, tail = set(parts[0].all_flows()), parts[2:] if parts[1].is_const else parts[1:]
    return frozenset(head | {f.clear(_HOST_KINDS) for p in tail for f in p.all_flows()})


def formatted_host_fixed(texts: list[str], values: list[Value]) -> frozenset[Flow] | None:
    """`"%s/%s" % (base_url, path)`, `"{}/{}".format(base_url, path)`: the format's fixed texts
    (one more than its values) put between the values, then as `host_fixed_flows`."""
    parts = [Value(const=texts[0], prefix=texts[0], shape="str")] if texts[0] else []
    for v, text in zip(values, texts[1:], strict=True):
        parts.append(v)
        if text:
            parts.append(Value(const=text, prefix=text, shape="str"))
    return host_fixed_flows(parts)


# a request value after a fixed "?" or "#" (`f"{url}?{query}"`, `login + "?next=" + params`) is in
# the query or fragment: it picks no destination of a redirect, and only parameters of a fetch
_QUERY_KINDS = frozenset({"open-redirect", PATH_ONLY + "ssrf"})


def in_query(v: Value) -> Value:
    """The value as a part that follows a fixed '?' or '#' of a URL."""
    flows = v.all_flows()
    if not flows:
        return v
    return Value(frozenset(f.clear(_QUERY_KINDS) for f in flows), prefix=v.prefix, shape=v.shape)


def starts_query(text: object) -> bool:
    return isinstance(text, str) and ("?" in text or "#" in text)


URL_BASE = "url-base"  # shape of `base_url + "/"`: a clean base and a path separator


def _base_and_separator(parts: list[Value]) -> bool:
    """A base free of untrusted data, then a separator: fixed text, or text that starts with one
    (`settings.API_URL + f"/items/{name}?{query}"`)."""
    if len(parts) < 2 or parts[0].is_const or has_source(parts[0]):
        return False
    sep = parts[1].const if parts[1].is_const else parts[1].prefix
    return isinstance(sep, str) and sep.startswith(("/", "?", "#")) and not sep.startswith("//")


# a mark on a flow: the text went through realpath/abspath/normpath and got at most a fixed
# suffix without separators since (full + ".thumb.jpg"), so a prefix check on it is a containment check
NORMALIZED = "normalized:"


def unmarked(flows: frozenset[Flow]) -> frozenset[Flow]:
    """The flows without the normalized mark: text was joined to them."""
    if not any(NORMALIZED in f.cleared for f in flows):
        return flows
    return frozenset(f._replace(cleared=f.cleared - {NORMALIZED}) if NORMALIZED in f.cleared else f for f in flows)


def _plain_suffix(parts: list[Value]) -> bool:
    return all(p.is_const and isinstance(p.const, str) and "/" not in p.const and "\\" not in p.const
               and ".." not in p.const for p in parts)


# a mark on a flow: the text holds no "." (an element of x.split(".")), so no ".." either
NO_DOTS = "no-dots:"
_PATH = frozenset({"path-traversal"})
APP_PATH = "app-path"  # url_for(), reverse(): "/" and a path of this app
# the request's uploaded files (request.files, request.FILES) and one of them: objects whose
# attributes (`.filename`, `.name`) and content are the client's, not a path themselves
UPLOADS = "uploads"
UPLOAD = "upload"
UPLOAD_ATTRIBUTES = frozenset({"files", "FILES"})


def concat(parts: list[Value]) -> Value:
    fixed = host_fixed_flows(parts)
    merged = concat_plain(parts)
    if fixed is not None:
        return Value(fixed, prefix=merged.prefix, shape="str")
    if _base_and_separator(parts) and all(p.is_const or not has_source(p) for p in parts):
        return Value(merged.flows, prefix=merged.prefix, shape=URL_BASE)
    return merged


def concat_plain(parts: list[Value]) -> Value:
    flows: set[Flow] = set()
    prefix_parts: list[str] = []
    prefix_done = False
    const_parts: list[Any] = []
    all_const = True
    after_text = False  # a part follows fixed text: it starts no path component
    for i, p in enumerate(parts):
        if p.is_const and isinstance(p.const, str):
            const_parts.append(p.const)
            after_text = after_text or bool(p.const)
            if not prefix_done:
                prefix_parts.append(p.const)
            continue
        all_const = False
        site_path = not prefix_done and p.shape == APP_PATH and not flows
        if i > 0 or not _plain_suffix(parts[1:]):
            kept = unmarked(p.all_flows())
            if kept is not p.all_flows():
                tail = p.tail
                p = Value(kept, prefix=p.prefix, shape=p.shape)
                p.tail = tail
        if after_text:
            # name + "." + ext where ext holds no dot: no ".." and no absolute path can come of it
            flows.update(f.clear(_PATH) if NO_DOTS in f.cleared else f for f in p.all_flows())
        else:
            flows.update(p.all_flows())
        after_text = after_text or bool(p.tail)
        if site_path:
            prefix_parts.append("/")  # url_for(...) + "downloads/": "/" and then the text that follows
            continue
        if not prefix_done:
            if p.prefix:
                prefix_parts.append(p.prefix)
            prefix_done = True
    if all_const and const_parts:
        s = "".join(const_parts)
        return Value(const=s, prefix=s, shape="str")
    out = Value(frozenset(flows), prefix="".join(prefix_parts), shape="str")
    last = parts[-1] if parts else None
    if last is not None:
        out.tail = last.const if last.is_const and isinstance(last.const, str) else last.tail
    return out


def fold(op: str, a: Any, b: Any) -> Any:
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


def compare(op: str, a: Any, b: Any) -> Any:
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
