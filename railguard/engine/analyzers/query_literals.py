"""Literals a regular expression cannot match without: a cheap test before the regex runs.

Python's `re` finds a pattern such as `\\bColumn\\(|\\bmapped_column\\(|\\bdb\\.Model\\b` slowly
(tens of milliseconds over a large file: no literal prefix to jump to), while `"Column(" in
text` runs at memory speed. `required_literals` reads the parsed pattern and returns strings of
which every match contains at least one; when none occurs in the text, the regex cannot match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from railguard.engine.edits import edit_span

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

MIN_LITERAL = 2  # a single character tests nothing useful


@lru_cache(maxsize=1024)
def required_literals(source: str, flags: int = 0) -> tuple[tuple[tuple[str, ...], ...], bool] | None:
    """(requirements, ignore case): every match of the pattern contains, for each requirement,
    one of its literals (lower case when ignore case); None when none is known."""
    try:
        parsed = _p.parse(source, flags)
    except (re.error, TypeError, ValueError, OverflowError):
        return None
    ignore = bool(parsed.state.flags & re.IGNORECASE)
    found = _sequence(list(parsed))
    if not found:
        return None
    return tuple(tuple(sorted({s.lower() for s in r} if ignore else r)) for r in found), ignore


def _useful(candidate: set[str] | None) -> bool:
    return bool(candidate) and all(len(s) >= MIN_LITERAL for s in candidate)  # type: ignore[union-attr]


def _sequence(items: list, lead: str = "") -> list[set[str]]:
    """The requirements of a sequence: its runs of literals and its elements' alternatives.
    `lead`: the literal characters right before it (a group continues the run around it)."""
    found: list[set[str]] = []
    run: list[str] = list(lead)

    def consider(candidate: set[str] | None) -> None:
        if _useful(candidate):
            found.append(candidate)  # type: ignore[arg-type]

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        prefix = "".join(run)
        consider({prefix} if run else None)
        run = []
        if op is _c.SUBPATTERN:
            if not ((av[1] | av[2]) & re.IGNORECASE):  # a scoped (?i:...) changes the case rules
                found += _sequence(list(av[-1]), prefix)
        elif op is _c.BRANCH:
            if prefix:  # `pa(ssword|ss)`, as the parser factors `(password|pass)`: one of "password", "pass"
                consider({prefix + _lead(list(b)) for b in av[1]})
            branches = [_best(_sequence(list(b))) for b in av[1]]
            if all(branches):
                consider(set().union(*branches))  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            found += _sequence(list(av[2]))
    consider({"".join(run)} if run else None)
    return found


def _lead(items: list) -> str:
    """The literal characters a branch starts with."""
    out: list[str] = []
    for op, av in items:
        if op is not _c.LITERAL:
            break
        out.append(chr(av))
    return "".join(out)


def _best(requirements: list[set[str]]) -> set[str] | None:
    """The requirement whose shortest literal is longest (the most selective, roughly)."""
    return max(requirements, key=lambda r: (min(map(len, r)), -len(r)), default=None)


# A condition on the text every match needs: a literal it holds, all of some conditions (a
# sequence) or one of them (an alternation); None: no condition known.
Formula = tuple


@lru_cache(maxsize=1024)
def literal_formula(source: str, flags: int = 0) -> tuple[Formula, bool] | None:
    """Like required_literals, but an alternation keeps all that each branch needs (so that
    `\\bimport\\s+docker\\b|\\bpodman\\b` needs `import` and `docker`, or `podman`), and a literal
    run followed by an alternation whose branches each start with literals is joined with them
    (`c(?:types|ffi)` needs `ctypes` or `cffi`, not `types` or `ffi`). (formula, ignore case)."""
    try:
        parsed = _p.parse(source, flags)
    except (re.error, TypeError, ValueError, OverflowError):
        return None
    ignore = bool(parsed.state.flags & re.IGNORECASE)
    formula = _formula(list(parsed), ignore)
    return (formula, ignore) if formula is not None else None


def _lead(items: list) -> str:
    """The literal run a sequence starts with."""
    out = []
    for op, av in items:
        if op is not _c.LITERAL:
            break
        out.append(chr(av))
    return "".join(out)


def _group_branch(op, av) -> tuple | None:
    """The alternation a plain group consists of (`(files|FILES)`), else None."""
    if op is not _c.SUBPATTERN or av[1] or av[2]:
        return None
    inner = list(av[-1])
    return inner[0][1] if len(inner) == 1 and inner[0][0] is _c.BRANCH else None


def _formula(items: list, ignore: bool) -> Formula | None:
    parts: list[Formula] = []
    run: list[str] = []

    def literal(text: str) -> None:
        if len(text) >= MIN_LITERAL:
            parts.append(("lit", text.lower() if ignore else text))

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        branch = av if op is _c.BRANCH else _group_branch(op, av)
        if branch is not None and run:  # `\\.(files|FILES)`: a group holding one alternation continues the run
            leads = [_lead(list(b)) for b in branch[1]]
            if all(leads):  # the run, then one branch's first literals: one string
                joined = ["".join(run) + lead for lead in leads]
                if all(len(j) >= MIN_LITERAL for j in joined):
                    parts.append(("any", tuple(("lit", j.lower() if ignore else j) for j in joined)))
        literal("".join(run))
        run = []
        if op is _c.SUBPATTERN:
            if not ((av[1] | av[2]) & re.IGNORECASE):  # a scoped (?i:...) changes the case rules
                inner = _formula(list(av[-1]), ignore)
                if inner is not None:
                    parts.append(inner)
        elif op is _c.BRANCH:
            branches = [_formula(list(b), ignore) for b in av[1]]
            if all(b is not None for b in branches):
                parts.append(("any", tuple(branches)))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            inner = _formula(list(av[2]), ignore)
            if inner is not None:
                parts.append(inner)
    literal("".join(run))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("all", tuple(parts))


# the literals found (or not) in the last texts tested: the conditions of many rules share words,
# and each absent one costs a pass over the whole text (a file's text and its lower case alternate)
KEPT_TEXTS = 4


class _Found:
    """Where a text holds each literal asked about (an occurrence, -1: nowhere). After
    an edit (`base`: the text before it, which the edit turned into this one by replacing
    [start, old_end) with [start, new_end)), a literal is looked for only around the edit when
    the earlier answer says where it is, or that it was nowhere."""

    __slots__ = ("haystack", "at", "base", "start", "old_end", "new_end")

    def __init__(self, haystack: str, base: _Found | None = None, start: int = 0, old_end: int = 0,
                 new_end: int = 0) -> None:
        self.haystack = haystack
        self.at: dict[str, int] = {}
        self.base, self.start, self.old_end, self.new_end = base, start, old_end, new_end

    def find(self, lit: str) -> int:
        at = self.at.get(lit)
        if at is None:
            at = self.at[lit] = self._find(lit)
        return at

    def _find(self, lit: str) -> int:
        old = self.base.at.get(lit) if self.base is not None else None
        if old is None:
            return self.haystack.find(lit)
        if old < 0:  # nowhere before: a new occurrence overlaps what the edit wrote
            lo = max(0, self.start - len(lit) + 1)
            return self.haystack.find(lit, lo, self.new_end + len(lit) - 1)
        if old + len(lit) <= self.start:
            return old
        if old >= self.old_end:
            return old + self.new_end - self.old_end
        return self.haystack.find(lit)


_last: list[_Found] = []


def _found(haystack: str) -> _Found:
    for f in _last:
        if f.haystack is haystack:
            return f
    f = _Found(haystack)
    _remember(f)
    return f


def _remember(f: _Found) -> None:
    _last.insert(0, f)
    del _last[KEPT_TEXTS:]


def continue_from(new: str, old: str, span: tuple[int, int, int] | None = None) -> None:
    """`new` is `old` edited: the literals looked for in `old` are looked for in `new` around the
    edit (`span`: edit_span(old, new), when the caller has it already)."""
    if new is old:
        return
    base = next((f for f in _last if f.haystack is old), None)
    if base is None or any(f.haystack is new for f in _last):
        return
    start, old_end, new_end = span if span is not None else edit_span(old, new)
    base.base = None  # one step back only
    _remember(_Found(new, base, start, old_end, new_end))


def _holds(formula: Formula, haystack: str) -> bool:
    return _eval(formula, _found(haystack))


def _eval(formula: Formula, found: _Found) -> bool:
    kind, arg = formula
    if kind == "lit":
        return found.find(arg) >= 0
    if kind == "all":
        return all(_eval(f, found) for f in arg)
    return any(_eval(f, found) for f in arg)


def may_match(source: str, flags: int, text: str, lowered: str | None = None) -> bool:
    """False only when the pattern cannot match text (what it needs is absent)."""
    found = literal_formula(source, flags)
    if found is None:
        return True
    formula, ignore = found
    if ignore and not text.isascii():
        return True  # Unicode case folding is wider than str.lower()
    haystack = (lowered if lowered is not None else text.lower()) if ignore else text
    return _holds(formula, haystack)


@lru_cache(maxsize=1024)
def leading_literals(source: str, flags: int = 0) -> tuple[tuple[str, ...], bool, bool] | None:
    """(literals, ignore case, indented): every match of the pattern starts with one of the literals
    (after zero-width assertions such as `\\b` or `^`; lower case when ignore case), or None.
    Indented: the pattern starts with `^` and optional whitespace (`^\\s*@`), and a match starts at
    the beginning of a line whose only text before the literal is whitespace. Python's `re` jumps
    to a literal prefix quickly but tries every position of the text for a pattern that starts
    with `\\b` or `^`: matching only where such a literal occurs finds the same."""
    try:
        parsed = _p.parse(source, flags)
    except (re.error, TypeError, ValueError, OverflowError):
        return None
    ignore = bool(parsed.state.flags & re.IGNORECASE)
    items = list(parsed)
    indented = len(items) > 2 and items[0] == (_c.AT, _c.AT_BEGINNING) and _blank_run(items[1])
    if indented:
        items = items[2:]
    if not items or (items[0][0] is _c.LITERAL and not ignore and not indented):
        return None  # a literal prefix: `re` finds it as fast (unless it ignores case)
    leads = _leads(items)
    if not leads or not all(leads):
        return None  # (a frequent literal, a single letter: the count of candidates decides)
    if ignore:
        if not all(s.isascii() for s in leads):
            return None  # case folding reaches beyond ASCII
        leads = {s.lower() for s in leads}
    return tuple(sorted(leads)), ignore, indented


_BLANKS = frozenset(" \t\n\r\f\v")


def _blank_run(item: tuple) -> bool:
    """`\\s*`, `[ \\t]*`: any number of whitespace characters."""
    op, av = item
    if op not in (_c.MAX_REPEAT, _c.MIN_REPEAT) or av[0] != 0:
        return False
    inner = list(av[2])
    if len(inner) != 1 or inner[0][0] is not _c.IN:
        return False
    return all((o is _c.LITERAL and chr(a) in _BLANKS) or (o is _c.CATEGORY and a is _c.CATEGORY_SPACE)
               for o, a in inner[0][1])


def _leads(items: list) -> set[str] | None:
    i = 0
    while i < len(items) and items[i][0] is _c.AT:  # zero width: the match starts where the literal does
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is _c.LITERAL:
        run = _lead(items[i:])
        rest = items[i + len(run):]
        after = _leads(rest) if rest and (rest[0][0] is _c.BRANCH or _group_branch(*rest[0]) is not None) else None
        return {run + s for s in after} if after else {run}  # `\\bc(?:types|ffi)`: "ctypes", "cffi"
    if op is _c.BRANCH:
        branches = [_leads(list(b)) for b in av[1]]
        return set().union(*branches) if all(branches) else None  # type: ignore[arg-type]
    if op is _c.SUBPATTERN and not av[1] and not av[2]:
        return _leads(list(av[-1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        inner = _leads(list(av[2]))
        if av[0] >= 1 or inner is None:
            return inner
        rest = _leads(items[i + 1:])  # `(async\\s+)?def`: "async" or "def"
        return inner | rest if rest else None
    return None


MATCHES_PER_CHAR = 1 / 64  # more candidate starts than this: one search of the whole text is cheaper


def search_start(compiled: re.Pattern[str], source: str, flags: int, text: str,
                 lowered: Callable[[], str] | None = None) -> int:
    """Where a match of compiled.search(text) starts (-1 for none), tried only at the occurrences
    of the literals every match starts with (`leading_literals`) when there are few."""
    found = leading_literals(source, flags)
    if found is not None:
        leads, ignore, indented = found
        if not ignore or text.isascii():
            haystack = (lowered() if lowered is not None else text.lower()) if ignore else text
            limit = len(text) * MATCHES_PER_CHAR + 1
            if sum(haystack.count(s) for s in leads) <= limit:
                for lead in leads:
                    at = haystack.find(lead)
                    while at >= 0:
                        start = _match_start(compiled, text, at, indented)
                        if start >= 0:
                            return start
                        at = haystack.find(lead, at + 1)
                return -1
    m = compiled.search(text)
    return m.start() if m is not None else -1


def _match_start(compiled: re.Pattern[str], text: str, at: int, indented: bool) -> int:
    """Where a match of the pattern whose leading part ends at `at` starts (-1 for none): at `at`,
    or (indented) at the start of a line between which and `at` there is only whitespace
    (str.isspace: every character `\\s` matches)."""
    if not indented:
        return at if compiled.match(text, at) is not None else -1
    first = at
    while first > 0 and text[first - 1].isspace():
        first -= 1
    return next((p for p in range(first, at + 1)
                 if (p == 0 or text[p - 1] == "\n") and compiled.match(text, p) is not None), -1)
