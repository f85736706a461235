"""What the taint analysis records and carries: hits, verdicts, function summaries, environments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern
from railguard.engine.taint.model import ALL
from railguard.engine.taint.syntax import node_text
from railguard.engine.taint.values import CLEAN, Flow, Step, Value, join, ordered

if TYPE_CHECKING:
    from tree_sitter import Node

ALL_KINDS = frozenset({ALL})


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


@dataclass(frozen=True)
class ReturnPart:
    """What one element of a returned tuple carries."""

    returns: dict[int, frozenset[str]]
    sources: tuple[tuple[str, str], ...] = ()
    unknown: bool = False
    shape: str = ""  # "object:Class" when every return puts an instance of one imported class here

    def to_json(self) -> list:
        return [{str(k): sorted(v) for k, v in self.returns.items()}, [list(s) for s in self.sources], self.unknown,
                self.shape]

    @classmethod
    def from_json(cls, d: list) -> ReturnPart:
        shape = d[3] if len(d) > 3 and isinstance(d[3], str) and d[3].startswith("object:") else ""
        return cls({int(k): frozenset(v) for k, v in d[0].items()}, tuple((a, b) for a, b in d[1]), bool(d[2]), shape)


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
    # param -> sink kinds a True return proves safe for it (`is_path_inside(child, base)`)
    checks: dict[int, frozenset[str]] = field(default_factory=dict)
    elements: tuple[ReturnPart, ...] = ()  # per element, when every return is a tuple of one length
    returns_shape: str = ""  # "dict" or "list" when every return is one (a view answering it sends JSON)
    # parallel to sinks: parameters with a constant default (`from_setup=False`) of which one must be
    # passed for the sink to be reached; a call that passes none of them does not reach it
    sink_flags: tuple[frozenset[int], ...] = ()
    # param -> sink kinds it is proven safe for whenever the function returns rather than raises
    # (`validate_path(p)` that raises on ".." or a bad UUID): the caller's argument is checked after
    validates: dict[int, frozenset[str]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "p": list(self.params), "r": {str(k): sorted(v) for k, v in self.returns.items()},
            "u": self.returns_unknown, "s": [list(s) for s in self.returns_sources],
            "k": [[i, k, line, name, sorted(c)] for i, k, line, name, c in self.sinks],
            "f": self.path, "m": self.is_method, "t": [list(x) for x in self.stores],
            "c": {str(k): sorted(v) for k, v in self.checks.items()},
            "e": [p.to_json() for p in self.elements], "h": self.returns_shape,
            "g": [sorted(x) for x in self.sink_flags],
            "v": {str(k): sorted(v) for k, v in self.validates.items()},
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
            checks={int(k): frozenset(v) for k, v in d.get("c", {}).items()},
            elements=tuple(ReturnPart.from_json(p) for p in d.get("e", ())),
            returns_shape=str(d.get("h", "")),
            sink_flags=tuple(frozenset(int(i) for i in x) for x in d.get("g", ())),
            validates={int(k): frozenset(v) for k, v in d.get("v", {}).items()},
        )

    def is_default(self) -> bool:
        """Parameters flow to the return untouched and nothing else happens: no need to ship it."""
        n = len(self.params)
        return (not self.sinks and not self.returns_sources and self.returns_unknown and not self.stores
                and not self.checks and not self.elements and not self.returns_shape and not self.sink_flags
                and not self.validates
                and set(self.returns) == set(range(n)) and not any(self.returns.values()))


class BudgetExceeded(Exception):
    pass


# env keys of guarded reads (`request.GET.get("next")` checked by an if): not names, never joined
# with paths that did not check them
READ_KEY = "\x00"


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
        if k.startswith(READ_KEY):
            if len(vals) == len(envs):
                out[k] = join(*vals)
            else:
                out.pop(k, None)  # checked on some paths only: read again, as the source it is
            continue
        # a name bound only on some paths may still hold its earlier (unknown) value
        out[k] = join(*vals) if len(vals) == len(envs) else join(*vals, _unbound(k))
    return out


def _unbound(name: str) -> Value:
    return CLEAN


# ------------------------------------------------------------------ summaries from returned values


def _meet(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """The kinds cleared on both of two ways a parameter is returned; "all" clears every kind
    (`if path != BASE and not path.startswith(BASE + os.sep): raise`: equal to the base on one
    side, inside it on the other: contained either way)."""
    if ALL in a:
        return b
    if ALL in b:
        return a
    return a & b


def return_parts(ret: Value) -> tuple[dict[int, frozenset[str]], list[tuple[str, str]], bool]:
    """What a returned value carries: parameters (with the kinds cleared on the way), sources, unknown data."""
    returns: dict[int, frozenset[str]] = {}
    sources: list[tuple[str, str]] = []
    unknown = False
    for f in ordered(ret.all_flows()):
        o = f.origin
        if o.kind == "param":
            returns[o.param] = _meet(returns[o.param], f.cleared) if o.param in returns else f.cleared
        elif o.kind == "source" and not f.cleared:
            sources.append((o.label, o.source_kind))
        elif o.kind == "unknown":
            unknown = True
    return returns, sources, unknown


def validated_params(exits: list[list[Value | None]], entry: list[Value | None]) -> dict[int, frozenset[str]]:
    """The parameters every normal exit of a function (a return, or the end of its body; not a
    raise) holds checked, with the sink kinds: what a call that returned proves of its arguments."""
    out: dict[int, frozenset[str]] | None = None
    for values in exits:
        found: dict[int, frozenset[str]] = {}
        for i, v in enumerate(values):
            if v is None or v is entry[i]:
                continue
            flows = [f for f in v.all_flows() if f.origin.kind == "param" and f.origin.param == i]
            if flows:
                kinds = frozenset.intersection(*(f.cleared for f in flows))
                if kinds:
                    found[i] = kinds
        out = found if out is None else {i: _meet(out[i], found[i]) for i in out.keys() & found.keys()}
        if not out:
            return {}
    return {i: k for i, k in (out or {}).items() if k}


# calls that make a response a helper may answer early (`return HttpResponseBadRequest()`,
# `return redirect(login_url)`) instead of the tuple its callers unpack after checking for one
_RESPONSE_CALL = LazyPattern(r"(?:^|\.)(?:\w*Response\w*|\w*Redirect|redirect|make_response|render|jsonify)$")


def early_response(value: Value, node: Node) -> bool:
    """A returned response object or None, beside tuples returned elsewhere in the function."""
    if value.shape == "response" or node is not None and node.type in ("none", "return_statement"):
        return True
    if node is None or node.type != "call":
        return False
    fn = node.child_by_field_name("function")
    return fn is not None and _RESPONSE_CALL.search(node_text(fn)) is not None


def tuple_elements(values: list[Value]) -> tuple[ReturnPart, ...]:
    """`return model, payload, url`: what each element carries, when every return is a tuple of one
    length (a caller that unpacks it keeps the elements apart)."""
    if not values or any(v.shape != "tuple" or v.fields is None or v.flows for v in values):
        return ()
    n = len(values[0].fields or {})
    if n == 0 or n > 12 or any(sorted(v.fields or {}) != list(range(n)) for v in values):
        return ()
    out = []
    for i in range(n):
        parts = [(v.fields or {})[i] for v in values]
        returns, sources, unknown = return_parts(join(*parts))
        shapes = {p.shape for p in parts}
        shape = shapes.pop() if len(shapes) == 1 and next(iter(shapes)).startswith("object:") else ""
        out.append(ReturnPart(returns, tuple(dict.fromkeys(sources))[:3], unknown, shape))
    return tuple(out)
