"""Literals a regular expression cannot match without: a cheap test before the regex runs.

Python's `re` finds a pattern such as `\\bColumn\\(|\\bmapped_column\\(|\\bdb\\.Model\\b` slowly
(tens of milliseconds over a large file: no literal prefix to jump to), while `"Column(" in
text` runs at memory speed. `required_literals` reads the parsed pattern and returns strings of
which every match contains at least one; when none occurs in the text, the regex cannot match.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
        if op is _c.BRANCH and run:
            leads = [_lead(list(b)) for b in av[1]]
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


# the literals found (or not) in the last text tested: the conditions of many rules share words,
# and each absent one costs a pass over the whole text
_last: tuple[str, dict[str, bool]] = ("", {})


def _holds(formula: Formula, haystack: str) -> bool:
    global _last
    seen = _last
    if seen[0] is not haystack:
        seen = _last = (haystack, {})
    return _eval(formula, haystack, seen[1])


def _eval(formula: Formula, haystack: str, found: dict[str, bool]) -> bool:
    kind, arg = formula
    if kind == "lit":
        hit = found.get(arg)
        if hit is None:
            hit = found[arg] = arg in haystack
        return hit
    if kind == "all":
        return all(_eval(f, haystack, found) for f in arg)
    return any(_eval(f, haystack, found) for f in arg)


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
