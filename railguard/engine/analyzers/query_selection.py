"""Which query rules can match a file, decided before any tree-sitter query is compiled.

A scan of a few files (the commit hook, a one-file CLI run, the editor's first scan) compiles
only the rules that may match (QueryAnalyzer.selective_query_for). A rule may match only if
- one of its top-level patterns may: the words of its `#eq?`/`#any-of?` predicates occur
  (anchors.py), and the literals its `#match?` predicates cannot match without (a search of a
  capture's text: a part of the text queried), and
- every `where` condition may hold: the literals that a `regex` (on a capture's text), a
  `scope-regex` (on the enclosing scope's text, or the file's), a `value-regex` (on the texts a
  value flows from), a `from-regex` or `uses-regex` (on such texts with strings blanked out)
  cannot match without occur in the text queried, and those of a `file-regex` in the file's own text (the text of the file a
  canonical rewrite stands for: query_reach.file_search) (query_literals.py).

Deriving that from a rule costs more than the test itself (a parse of each pattern and each
regex), so what is derived is kept in the user's cache dir, signed like the scan cache
(engine/cache.py): an entry railguard did not write, or wrote from another rule text or another
version of this code, is a miss and is derived again. Never a file of the scanned repository.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.engine.analyzers.anchors import Unit, pattern_regexes, query_units
from railguard.engine.analyzers.query_literals import required_literals

if TYPE_CHECKING:
    from railguard.engine.analyzers.conditions import Condition
    from railguard.engine.cache import SignedStore

# one pattern's literals: (requirements: each a tuple of literals of which one must occur, ignore case,
# in the file's own text rather than the text queried)
Literals = tuple[tuple[tuple[str, ...], ...], bool, bool]
# a condition: options of which one must be possible; an option: patterns whose literals must all occur
Need = tuple[tuple[Literals, ...], ...]
MAX_ENTRIES = 5000


class FileTexts:
    """A file's text, decoded as Document.node_text decodes it, and lower-cased, on demand."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._text: str | None = None
        self._lowered: str | None = None
        self._ascii: bool | None = None
        self._found: dict[tuple[str, bool], bool] = {}  # rules share their literals: each is searched once

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.data.decode("utf-8", "surrogateescape")
        return self._text

    @property
    def lowered(self) -> str:
        if self._lowered is None:
            self._lowered = self.text.lower()
        return self._lowered

    @property
    def ascii(self) -> bool:
        if self._ascii is None:
            self._ascii = self.text.isascii()
        return self._ascii

    def contains(self, literal: str, ignore: bool) -> bool:
        """Is the literal in the text (in the lower-cased text when ignore: literal is lower case)?"""
        key = (literal, ignore)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = literal in (self.lowered if ignore else self.text)
        return found


def _occur(literals: Literals, texts: FileTexts, file: FileTexts) -> bool:
    requirements, ignore, in_file = literals
    texts = file if in_file else texts
    if ignore and not texts.ascii:
        return True  # Unicode case folding is wider than str.lower()
    return all(any(texts.contains(lit, ignore) for lit in options) for options in requirements)


def occur(literals: tuple[Literals, ...], texts: FileTexts) -> bool:
    """Do all these literals (a pattern's `unit_needs`) occur in the text queried?"""
    return all(_occur(lit, texts, texts) for lit in literals)


def may_hold(needs: tuple[Need, ...], texts: FileTexts, file: FileTexts | None = None) -> bool:
    """False only when some condition cannot hold in any match in this text (`file`: the text of
    the file it stands for, when it is a canonical rewrite)."""
    file = file or texts
    return all(any(all(_occur(p, texts, file) for p in option) for option in need) for need in needs)


def condition_needs(conditions: tuple[Condition, ...]) -> tuple[Need, ...]:
    """What each condition needs of the file's text; conditions that may always hold are left out."""
    needs: list[Need] = []
    for cond in conditions:
        options = [_option(c) for c in cond.any_of] if cond.any_of else [_option(cond)]
        if all(o is not None for o in options):
            needs.append(tuple(o for o in options if o is not None))
    return tuple(needs)


def _option(cond: Condition) -> tuple[Literals, ...] | None:
    """The literals one condition needs (all of them), or None when it may hold without any: an
    `any` inside it, a capture whose absence satisfies it, patterns run by RE2 or without literals."""
    if cond.any_of or cond.absent is True:
        return None
    found: list[Literals] = []
    # (pattern, read in the file's own text, read in a masked text: strings blanked to spaces)
    for pattern, in_file, masked in ((cond.regex, False, False), (cond.scope_regex, False, False),
                                     (cond.value_regex, False, False), (cond.file_regex, True, False),
                                     (cond.from_regex, False, True), (cond.uses_regex, False, True)):
        if pattern is None or pattern.linear:
            continue
        req = required_literals(pattern.source, pattern.flags)
        if req is None:
            continue
        requirements = req[0]
        if masked:  # a literal with a space or a non-ASCII character may be made by the blanking
            requirements = tuple(r for r in requirements if all(lit.isascii() and " " not in lit for lit in r))
        if requirements:
            found.append((requirements, req[1], in_file))
    return tuple(found) or None


@dataclass(frozen=True)
class Selection:
    units: tuple[Unit, ...]
    needs: tuple[Need, ...]
    # per unit: the literals its `#match?` predicates cannot match without, in the text queried
    unit_needs: tuple[tuple[Literals, ...], ...] = ()


def derive(query: str, conditions: tuple[Condition, ...]) -> Selection:
    units = query_units(query)
    unit_needs = tuple(_pattern_needs(u.text) for u in units)
    return Selection(units, condition_needs(conditions), unit_needs if any(unit_needs) else ())


def _pattern_needs(pattern: str) -> tuple[Literals, ...]:
    """The literals of a pattern's `#match?` predicates (anchors.pattern_regexes): each is a
    search of its capture's text, a part of the text queried."""
    found: list[Literals] = []
    for regex in pattern_regexes(pattern):
        req = required_literals(regex, 0)
        if req is not None:
            found.append((req[0], req[1], False))
    return tuple(found)


# ------------------------------------------------------------------ the signed cache


def _to_json(sel: Selection) -> Any:
    return {"units": [[u.text, [[sorted(w.decode("utf-8") for w in req) for req in alt] for alt in u.alternatives]]
                      for u in sel.units],
            "needs": [[_literals_to_json(option) for option in need] for need in sel.needs],
            "unit_needs": [_literals_to_json(literals) for literals in sel.unit_needs]}


def _literals_to_json(literals: tuple[Literals, ...]) -> Any:
    return [[[list(o) for o in reqs], ignore, in_file] for reqs, ignore, in_file in literals]


def _literals_from_json(raw: Any) -> tuple[Literals, ...]:
    return tuple((tuple(tuple(str(lit) for lit in o) for o in reqs), bool(ignore), bool(in_file))
                 for reqs, ignore, in_file in raw)


def _from_json(raw: Any, query: str) -> Selection | None:
    """The selection stored for this query, or None when it does not have the expected shape
    (or its units do not spell the query: they are the query's own text, split)."""
    try:
        units = tuple(Unit(text, tuple(tuple(frozenset(w.encode("utf-8") for w in req) for req in alt)
                                       for alt in alts)) for text, alts in raw["units"])
        needs = tuple(tuple(_literals_from_json(option) for option in need) for need in raw["needs"])
        unit_needs = tuple(_literals_from_json(literals) for literals in raw["unit_needs"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if "".join(u.text for u in units) != query or not all(isinstance(u.text, str) for u in units):
        return None
    if unit_needs and len(unit_needs) != len(units):
        return None
    return Selection(units, needs, unit_needs)


def _code_version() -> str:
    """This code and the code it derives with: an entry written by another version is a miss."""
    from railguard import __version__

    h = hashlib.sha256(f"{__version__}:{sys.version_info[0]}.{sys.version_info[1]}".encode())
    here = Path(__file__).parent
    for name in ("query_selection.py", "anchors.py", "query_literals.py", "conditions.py"):
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()[:16]


class SelectionCache:
    """Selections by rule, signed (SignedStore) in the user's cache dir."""

    def __init__(self, path: Path | None = None) -> None:
        from railguard.engine.cache import SignedStore
        from railguard.userdirs import user_cache_dir

        if path is None:
            try:
                path = user_cache_dir() / "query-selection.json"
            except OSError:
                path = None
        self.store: SignedStore = SignedStore(path, f"query-selection:{_code_version()}")
        if len(self.store.entries) > MAX_ENTRIES:
            self.store.entries = {}

    @staticmethod
    def digest(rule_id: str, query: str, where: Any, linear: bool) -> str:
        text = json.dumps([rule_id, query, where, linear], sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()

    def get(self, name: str, digest: str, query: str) -> Selection | None:
        raw = self.store.get(name, digest)
        return _from_json(raw, query) if raw is not None else None

    def put(self, name: str, digest: str, sel: Selection) -> None:
        self.store.put(name, digest, _to_json(sel))

    def save(self) -> None:
        self.store.save()
