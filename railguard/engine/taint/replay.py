"""Re-using an editor buffer's previous taint run after an edit inside one function.

A run analyses the module body, then each entry function in order; analysing one (a
*window*) computes the summaries of what it calls, in this file, that no earlier window
computed, and adds hits, verdicts and dead ranges. A window is a function of: the text of
the functions it computed, the file's index and module body, and the summaries it read that
earlier windows had computed. When all of those are what they were (the summaries it read
equal, the ones it computed not computed earlier this time, their functions' text the same),
its outcome is the previous one, moved by the edit: its byte offsets and lines past the edit
shift, nothing else in it can tell. Only single-file runs (no project summaries) outside web
frameworks are kept, with the edit strictly inside a function in the old and the new text:
the module body is then the same text, and so is every run of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from railguard.engine.edits import edit_span
from railguard.engine.taint.state import Hit, Summary, Verdict
from railguard.engine.taint.values import Flow, Origin, Step


class Moved(Exception):
    """A position of the previous run that the edit rewrote (or that is in another file)."""


class Shift:
    """The single edit that turns `old` into `new` (their common prefix and suffix kept)."""

    def __init__(self, old: bytes, new: bytes) -> None:
        self.start, self.old_end, self.new_end = edit_span(old, new)
        self.delta = self.new_end - self.old_end
        self.lines = new.count(b"\n", self.start, self.new_end) - old.count(b"\n", self.start, self.old_end)

    def inside(self, spans: list[tuple[int, int]], new: bool) -> bool:
        """The edited span lies strictly inside one of these (start, end) byte ranges."""
        end = self.new_end if new else self.old_end
        return any(a < self.start and end < b for a, b in spans)

    def pos(self, p: int) -> int:
        if p < self.start:
            return p
        if p > self.old_end:
            return p + self.delta
        raise Moved

    def line(self, line: int, p: int) -> int:
        """The line of old offset p (on `line` before the edit) in the new text."""
        if p < self.start:
            return line
        if p > self.old_end:
            return line + self.lines
        raise Moved

    # -- what a run records, moved

    def origin(self, o: Origin) -> Origin:
        if o.path or o.line != -1:
            raise Moved
        if o.start == o.end == 0:  # no place (an unknown value)
            return o
        return o._replace(start=self.pos(o.start), end=self.pos(o.end))

    def step(self, s: Step) -> Step:
        if s.path or s.line != -1:
            raise Moved
        return s._replace(start=self.pos(s.start), end=self.pos(s.end))

    def flow(self, f: Flow) -> Flow:
        return Flow(self.origin(f.origin), f.cleared, tuple(self.step(s) for s in f.steps))

    def hit(self, h: Hit) -> Hit:
        if h.path or h.line != -1:
            raise Moved
        return Hit(h.kind, self.flow(h.flow), self.pos(h.sink_start), self.pos(h.sink_end), h.sink_name,
                   h.path, h.line, tuple(self.step(s) for s in h.via))

    def summary(self, s: Summary) -> Summary:
        if not s.sinks and not s.sink_ranges:
            return s  # nothing in it has a place
        if len(s.sinks) != len(s.sink_ranges):
            raise Moved
        ranges = tuple((self.pos(a), self.pos(b)) for a, b in s.sink_ranges)
        sinks = tuple((param, kind, self.line(line, a), name, cleared)
                      for (param, kind, line, name, cleared), (a, _) in zip(s.sinks, s.sink_ranges, strict=True))
        return replace(s, sinks=sinks, sink_ranges=ranges)


# a call that returned no summary (its function was being analysed, or too deep): (NO_SUMMARY, depth)
NO_SUMMARY = "no summary"


@dataclass
class Frame:
    """What computing one function's summary did, with what it computed on the way (the summaries of
    the functions it called that were not known yet): like a Window, for a function called by an
    edited one. It is a function of the text of the functions it computed (found at `starts`), the
    depth it was asked at, the file's index and module body, and what it read: the summaries
    known before it, and the calls that returned none."""

    key: str
    depth: int
    starts: dict[str, int] = field(default_factory=dict)  # key -> the function's start offset
    computed: dict[str, bytes] = field(default_factory=dict)  # key -> the function's text
    reads: dict[str, Summary | tuple[str, int]] = field(default_factory=dict)
    summaries: dict[str, Summary] = field(default_factory=dict)  # what it added, in order
    hits: list[Hit] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    dead: list[tuple[int, int]] = field(default_factory=list)
    clean: bool = True

    def moved(self, shift: Shift) -> Frame:
        starts = {}
        for k, a in self.starts.items():
            b = a + len(self.computed[k])
            if not (b < shift.start or a > shift.old_end):
                raise Moved  # the edit is in (or touches) a function it computed
            starts[k] = shift.pos(a)
        reads = {k: v if isinstance(v, tuple) else shift.summary(v) for k, v in self.reads.items()}
        return Frame(self.key, self.depth, starts, dict(self.computed), reads,
                     {k: shift.summary(s) for k, s in self.summaries.items()},
                     [shift.hit(h) for h in self.hits],
                     [Verdict(shift.pos(v.start), shift.pos(v.end), v.kind) for v in self.verdicts],
                     [(shift.pos(a), shift.pos(b)) for a, b in self.dead], self.clean)


@dataclass
class Window:
    """What analysing one entry function did."""

    key: str
    reads: dict[str, Summary] = field(default_factory=dict)  # summaries of earlier windows it used
    computed: dict[str, bytes] = field(default_factory=dict)  # key -> the function's text
    summaries: dict[str, Summary] = field(default_factory=dict)  # what it added, in order
    hits: list[Hit] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    dead: list[tuple[int, int]] = field(default_factory=list)
    clean: bool = True  # it only added hits (an HTML-cleaning helper drops some: not kept)
    frames: dict[tuple[str, int], Frame] = field(default_factory=dict)  # the summaries computed in it

    def moved(self, shift: Shift) -> Window:
        frames = {}
        for fk, f in self.frames.items():
            try:
                frames[fk] = f.moved(shift)
            except Moved:
                continue  # that one is computed again when needed
        return Window(self.key, {k: shift.summary(s) for k, s in self.reads.items()}, dict(self.computed),
                      {k: shift.summary(s) for k, s in self.summaries.items()},
                      [shift.hit(h) for h in self.hits],
                      [Verdict(shift.pos(v.start), shift.pos(v.end), v.kind) for v in self.verdicts],
                      [(shift.pos(a), shift.pos(b)) for a, b in self.dead], self.clean, frames)


@dataclass
class Record:
    """A document's taint run, for the next run of the same buffer."""

    data: bytes
    index: tuple  # FileAnalysis.index_signature()
    spans: list[tuple[int, int]]  # every function definition's byte range
    module: dict[str, bytes]  # functions the module body's run analysed -> their text
    windows: dict[str, Window]
    frames: dict[tuple[str, int], Frame] = field(default_factory=dict)  # every summary computed or re-used


def index_moved(index: tuple, shift: Shift) -> tuple:
    """An index signature (FileAnalysis.index_signature) with its offsets moved."""
    head, functions, decorators = index
    return (head, tuple((k, shift.pos(a), shift.pos(b), cls) for k, a, b, cls in functions),
            tuple((shift.pos(a), texts) for a, texts in decorators))
