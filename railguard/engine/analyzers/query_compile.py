"""Compiling query rules: a rule's checks that need no grammar (`compile_rule`), and the rules of
one language compiled into one tree-sitter query (`build_language_query`, cached per process)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from railguard.engine.analyzers.anchors import Unit, query_units
from railguard.engine.analyzers.conditions import Condition, compile_patterns_now, parse_conditions
from railguard.engine.analyzers.query_reach import Reach, file_patterns, reach_of
from railguard.engine.fixes import validate_fix
from railguard.engine.languages import get_language
from railguard.engine.lazyre import LazyPattern
from railguard.engine.paths import PathFilter
from railguard.model import RailguardError, Rule
from railguard.rules.loader import BUNDLED_PREFIX, RuleError

if TYPE_CHECKING:
    from tree_sitter import Query


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    conditions: tuple[Condition, ...]
    report: str
    paths: PathFilter | None
    confident_when: tuple[Condition, ...] = ()

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        """The query's top-level patterns and the words each needs in a file (see anchors.py)."""
        return query_units(self.rule.matcher["query"])

    @cached_property
    def every_condition(self) -> tuple[Condition, ...]:
        """The conditions of the match and of its confidence: both decide what is reported."""
        return self.conditions + self.confident_when

    @cached_property
    def file_patterns(self) -> tuple[LazyPattern, ...]:
        """The whole-file patterns of every condition (compared between an editor's versions)."""
        return tuple(file_patterns(self.every_condition))

    @cached_property
    def reach(self) -> Reach:
        """How far from an edited function its verdicts can change (query_reach.py)."""
        return reach_of([u.text for u in self.units], self.every_condition)

    @cached_property
    def local_reach(self) -> Reach:
        """The reach without the whole-file conditions (when what they read did not change)."""
        return reach_of([u.text for u in self.units], self.every_condition, files=False)

    @property
    def wide(self) -> bool:
        return self.reach is not Reach.NODE


@dataclass
class LanguageQuery:
    query: Query | None
    starts: list[int]  # start byte of each rule's source in the combined query
    rules: list[CompiledRule]


@dataclass
class SplitQuery:
    free: LanguageQuery  # the rules queried over the whole file
    anchored: LanguageQuery  # the rules queried around their words
    units: list[tuple[CompiledRule, tuple[Unit, ...]]]  # the anchored rules and their patterns' words


_QUERY_ERROR_POS = LazyPattern(r"row (\d+), column (\d+)")
_BACKTRACKING_PREDICATE = LazyPattern(r"#(?:not-)?(?:any-)?match\?")
def compile_rule(rule: Rule) -> CompiledRule:
    """Check the parts of a query rule that do not need a grammar. Raises RuleError."""
    q = rule.matcher.get("query")
    if not isinstance(q, str) or not q.strip():
        raise RuleError(rule.source, rule.id, "query", "must be a non-empty tree-sitter query")
    bundled = rule.source.startswith(BUNDLED_PREFIX)
    if not bundled and _BACKTRACKING_PREDICATE.search(q):
        raise RuleError(rule.source, rule.id, "query", "#match? runs on a backtracking regex engine; a rule pack "
                        "outside railguard uses `where: [{capture: ..., regex: ...}]` instead (RE2, linear time)")
    try:
        conditions = parse_conditions(rule.matcher.get("where"), linear=not bundled)
        confident_when = parse_conditions(rule.matcher.get("confident-when"), "confident-when", linear=not bundled)
        if not bundled:
            compile_patterns_now(conditions + confident_when)
    except (ValueError, RailguardError) as exc:
        raise RuleError(rule.source, rule.id, "where", str(exc)) from None
    if rule.fix is not None:
        problem = validate_fix(rule.fix)
        if problem:
            raise RuleError(rule.source, rule.id, "fix", problem)
    report = rule.matcher.get("report", "match")
    if not isinstance(report, str):
        raise RuleError(rule.source, rule.id, "report", "must name a capture")
    return CompiledRule(rule, conditions, report, _path_filter(tuple(rule.paths)) if rule.paths else None,
                        confident_when)


_PATH_FILTERS: dict[tuple[str, ...], PathFilter] = {}  # most rules share their `paths` ("not in tests")


def _path_filter(paths: tuple[str, ...]) -> PathFilter:
    """One PathFilter per distinct patterns (it holds no state of a scan): the rules that share
    them share it, and the analyzer asks it once per file for them all."""
    found = _PATH_FILTERS.get(paths)
    if found is None:
        if len(_PATH_FILTERS) >= 4096:
            _PATH_FILTERS.clear()
        found = _PATH_FILTERS[paths] = PathFilter.from_patterns(paths)
    return found


def query_error(rule: Rule, language: str, exc: Exception) -> RuleError:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    m = _QUERY_ERROR_POS.search(text)
    where = f" (query line {int(m.group(1)) + 1}, column {int(m.group(2)) + 1})" if m else ""
    return RuleError(rule.source, rule.id, "query", f"invalid tree-sitter query for {language}{where}: {text}")


_COMPILED: dict[tuple[str, str], object] = {}  # (language, query text) -> Query, for long-lived processes
_COMPILED_MAX = 64


def _compiled_query(language: str, text: str):  # noqa: ANN202 - tree_sitter.Query
    """The tree-sitter query for this text, compiled once per process: the resident hook process
    and the language server build a new engine per repository or config, with the same rules."""
    from tree_sitter import Query

    query = _COMPILED.get((language, text))
    if query is None:
        query = Query(get_language(language), text)
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[(language, text)] = query
    return query


def build_language_query(rules: list[CompiledRule], language: str,
                         parts: dict[str, str] | None = None) -> tuple[LanguageQuery, list[RuleError]]:
    """Compile rules for one grammar into one query (with `parts`, only those parts of their
    queries). Rules that do not compile are dropped."""
    from tree_sitter import Query

    lang = get_language(language)
    errors: list[RuleError] = []
    candidates = list(rules)
    for _ in range(2):
        sources, starts, offset = [], [], 0
        for cr in candidates:
            src = (parts or {}).get(cr.rule.id, cr.rule.matcher["query"]).strip() + "\n"
            starts.append(offset)
            sources.append(src)
            offset += len(src.encode("utf-8"))
        if not candidates:
            return LanguageQuery(None, [], []), errors
        try:
            return LanguageQuery(_compiled_query(language, "".join(sources)), starts, candidates), errors
        except Exception:
            # find the culprits one by one (error path only)
            good = []
            for cr in candidates:
                try:
                    Query(lang, cr.rule.matcher["query"])
                    good.append(cr)
                except Exception as exc:
                    errors.append(query_error(cr.rule, language, exc))
            candidates = good
    return LanguageQuery(None, [], []), errors
