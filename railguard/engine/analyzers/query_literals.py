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

MIN_LITERAL = 3  # shorter literals test nothing useful


@lru_cache(maxsize=1024)
def required_literals(source: str, flags: int = 0) -> tuple[tuple[str, ...], bool] | None:
    """(literals, ignore case): every match of the pattern contains one of the literals (lower
    case when ignore case); None when no such set is known."""
    try:
        parsed = _p.parse(source, flags)
    except (re.error, TypeError, ValueError, OverflowError):
        return None
    ignore = bool(parsed.state.flags & re.IGNORECASE)
    found = _sequence(list(parsed))
    if not found:
        return None
    return tuple(sorted({s.lower() for s in found} if ignore else found)), ignore


def _sequence(items: list) -> set[str] | None:
    """The best requirement of a sequence: a run of literals, or one element's alternatives."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and all(len(s) >= MIN_LITERAL for s in candidate) and (
                best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        consider({"".join(run)} if run else None)
        run = []
        if op is _c.SUBPATTERN:
            if not ((av[1] | av[2]) & re.IGNORECASE):  # a scoped (?i:...) changes the case rules
                consider(_sequence(list(av[-1])))
        elif op is _c.BRANCH:
            branches = [_sequence(list(b)) for b in av[1]]
            if all(branches):
                consider(set().union(*branches))  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            consider(_sequence(list(av[2])))
    consider({"".join(run)} if run else None)
    return best


def may_match(source: str, flags: int, text: str, lowered: str | None = None) -> bool:
    """False only when the pattern cannot match text (none of its required literals occurs)."""
    req = required_literals(source, flags)
    if req is None:
        return True
    literals, ignore = req
    if ignore and not text.isascii():
        return True  # Unicode case folding is wider than str.lower()
    haystack = (lowered if lowered is not None else text.lower()) if ignore else text
    return any(lit in haystack for lit in literals)
