"""The query analyzer: tree-sitter query rules, the rules of a language compiled together.

Rule matcher:

    query: |
      (call function: (attribute object: (identifier) @mod attribute: (identifier) @fn)
        (#eq? @mod "yaml") (#eq? @fn "load")) @match
    where: [...]        # see conditions.py
    confident-when: [...]   # conditions of the rule's confidence: when one fails, the
                        # finding is reported at confidence low (the evidence is not in the code)
    report: match       # the capture to report (default: "match", else the widest capture)

The combined query of a language is built once per analyzer; a match's pattern
index maps back to its rule through the pattern's start byte in the combined
source. Matches are rare, so the post-filtering in Python costs little. A large scan
splits it in two (query_ranges.py): the rules anchored on words, queried only around
those words, and the others, over the whole file; a small scan compiles only the rules
a file's words select (query_selection.py); an editor re-scan queries the edited regions
(query_reach.py). Compiling a rule and a language's query: query_compile.py.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from railguard.engine import budget
from railguard.engine.analyzers.anchors import non_identifiers, word_test
from railguard.engine.analyzers.base import Analyzer
from railguard.engine.analyzers.query_compile import (
    CompiledRule,
    LanguageQuery,
    SplitQuery,
    build_language_query,
    compile_rule,
)
from railguard.engine.analyzers.query_literals import continue_from
from railguard.engine.analyzers.query_reach import (
    Reach,
    Windows,
    carry_file_searches,
    holders,
    ruled_out,
    same_file_facts,
    skeleton_windows,
)
from railguard.engine.canonical import CanonicalSource, canonical_source
from railguard.engine.edits import edit_span
from railguard.engine.findings import make_finding
from railguard.engine.fixes import build_fix
from railguard.engine.languages import GRAMMARS, rule_languages_for
from railguard.model import Confidence, Finding, Notice, RailguardError, Rule
from railguard.rules.loader import BUNDLED_PREFIX, RuleError

if TYPE_CHECKING:
    from tree_sitter import Node, Tree

    from railguard.config import Config
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.analyzers.query_selection import Selection, SelectionCache
    from railguard.engine.document import Document
    from railguard.engine.paths import PathFilter


def _past_comments(captures: dict[str, list[Node]]) -> dict[str, list[Node]] | None:
    """Comments are invisible to a pattern: a wildcard (`(argument_list . (_) @cmd ...)`) that caught one
    means the next node that is not a comment (None: there is none, no match)."""
    out: dict[str, list[Node]] = {}
    for name, nodes in captures.items():
        moved = []
        for n in nodes:
            while n is not None and n.type == "comment":
                n = n.next_named_sibling
            if n is None:
                return None
            moved.append(n)
        out[name] = moved
    return out


class ExpectedQuery:
    """The query of the rules any file of a small scan can match (QueryAnalyzer.expect),
    compiled when a file first needs it; `covers` tells whether a file's selection is part of it."""

    def __init__(self, language: str, rules: list[CompiledRule], parts: dict[str, str],
                 units: dict[str, frozenset[int]]) -> None:
        self.language = language
        self.rules = rules
        self.parts = parts
        self.units = units
        self._result: tuple[LanguageQuery, list[RuleError]] | None = None

    def covers(self, selected: dict[str, tuple[CompiledRule, tuple[int, ...]]]) -> bool:
        return all(rule_id in self.units and self.units[rule_id].issuperset(units)
                   for rule_id, (_, units) in selected.items())

    def result(self) -> tuple[LanguageQuery, list[RuleError]] | None:
        """The compiled query and the rules that did not compile; None when every rule failed
        (the caller then compiles its own selection, as without `expect`)."""
        if self._result is None:
            self._result = build_language_query(self.rules, self.language, self.parts)
        if self._result[0].query is None and self.rules:
            return None
        return self._result


class QueryAnalyzer(Analyzer):
    name = "query"
    precedence = 2
    supports_regions = True

    def __init__(self, rules: list[Rule], config: Config) -> None:
        self.config = config
        self.errors: list[RuleError] = []
        self.compiled: list[CompiledRule] = []
        for rule in rules:
            try:
                self.compiled.append(compile_rule(rule))
            except RuleError as exc:
                self.errors.append(exc)
        self._queries: dict[str, LanguageQuery] = {}
        self._splits: dict[str, SplitQuery] = {}
        self.split = True  # a large scan queries the anchored rules around their words (split_for)
        self._selective: dict[tuple[str, frozenset[str]], LanguageQuery] = {}
        self._selections: dict[str, Selection] = {}
        self._selection_cache: SelectionCache | None = None
        # a small scan's files, seen before it (`expect`): (language, path) -> (data, selection)
        # (None: its selection is part of the expected query, not computed unless asked for)
        self._seen: dict[tuple[str, str | None],
                         tuple[bytes, dict[str, tuple[CompiledRule, tuple[int, ...]]] | None]] = {}
        self._expected: dict[str, ExpectedQuery] = {}
        self._reported = len(self.errors)  # errors found at init are reported by the engine
        self._known_words: dict[str, frozenset[str]] = {}
        self._family: dict[str, list[CompiledRule]] = {}
        self._others: dict[str, tuple[bytes, ...]] = {}  # per language: the words of its rules that are not identifiers
        self._live: dict[str, tuple[bool, ...]] = {}  # per rule: which of its patterns are more than blanks
        self._admitted_path: str | None = None  # _admits: the answers of the rules' path filters for this path
        self._admitted: dict[PathFilter, bool] = {}
        # editor scans, per path: the last text and its canonical program (incremental re-parse,
        # whole-file conditions compared with the next version's)
        self._rewritten: dict[str, tuple[bytes, Document]] = {}
        self._previous: dict[str, Document] = {}
        self._prev_rewritten: Document | None = None  # the canonical program of context.previous_data

    def languages(self) -> set[str]:
        return {lang for cr in self.compiled for lang in cr.rule.languages}

    def applies_to(self, document: Document) -> bool:
        if document.language not in GRAMMARS:
            return False
        wanted = set(rule_languages_for(document.language))
        return any(wanted.intersection(cr.rule.languages) for cr in self.compiled)

    def warm_up(self, language: str) -> None:
        self.query_for(language)

    def query_for(self, language: str) -> LanguageQuery:
        lq = self._queries.get(language)
        if lq is None:
            family = set(rule_languages_for(language))
            rules = [cr for cr in self.compiled if family.intersection(cr.rule.languages)]
            try:
                lq, errors = build_language_query(rules, language)
            except RailguardError:
                raise
            # A rule written for JavaScript that does not fit the TypeScript grammar is
            # a problem of the TypeScript grammar, not of the rule: only report errors
            # of the rule's own language.
            self.errors += [e for e in errors if language in _rule_langs(rules, e.rule_id)]
            self._queries[language] = lq
        return lq

    def selective_query_for(self, language: str, data: bytes, path: str | None = None,
                            file_data: bytes | None = None) -> LanguageQuery:
        """A query of only the rules that can match data (at `path`; `file_data`: the text of
        the file that data rewrites, when it is a canonical rewrite): their anchor words occur,
        the literals their `where` regexes need occur, their `paths` admit the file. Compiling the
        whole language query costs more than a one-file scan of the CLI or the hook should."""
        expected = self._expected.get(language)
        if expected is not None and self._expected_covers(language, data, path, file_data):
            # a file `expect` saw: its selection is part of the expected query by construction;
            # it is needed only to tell which rule errors are its own
            result = expected.result()
            if result is not None and not result[1]:
                self._selective.setdefault((language, frozenset(expected.parts.items())), result[0])
                return result[0]
        selected = self._selected(language, data, path, file_data)
        if expected is not None and expected.covers(selected):
            lq = self._expected_query(language, expected, selected)
            if lq is not None:
                return lq
        rules = [cr for cr, _ in selected.values()]
        parts = {rule_id: self._part(cr, units) for rule_id, (cr, units) in selected.items()}
        key = (language, frozenset(parts.items()))
        lq = self._selective.get(key)
        if lq is None:
            lq, errors = build_language_query(rules, language, parts)
            self._add_errors(errors, rules, language)
            self._selective[key] = lq
        return lq

    def _expected_covers(self, language: str, data: bytes, path: str | None, file_data: bytes | None) -> bool:
        """Did `expect` see this very text at this path (then its selection is part of the expected query)?"""
        if file_data is not None and file_data is not data:
            return False
        seen = self._seen.get((language, path))
        return seen is not None and seen[0] is data

    def _selected(self, language: str, data: bytes, path: str | None,
                  file_data: bytes | None) -> dict[str, tuple[CompiledRule, tuple[int, ...]]]:
        """The rules that can match data, in rule order, each with the top-level patterns of its
        query that can (their words occur), by index. A file that `expect` saw is selected once."""
        seen = self._seen.get((language, path)) if self._expected_covers(language, data, path, file_data) else None
        if seen is not None and seen[1] is not None:
            return seen[1]
        selected: dict[str, tuple[CompiledRule, tuple[int, ...]]] = {}
        self._select(language, data, path, file_data, selected)
        if seen is not None:
            self._seen[(language, path)] = (data, selected)
        return selected

    def _select(self, language: str, data: bytes, path: str | None, file_data: bytes | None,
                selected: dict[str, tuple[CompiledRule, tuple[int, ...]]],
                union: dict[str, tuple[CompiledRule, set[int]]] | None = None) -> None:
        """Fill `selected` with the rules that can match data (see `_selected`); with `union`
        (`expect`), add their patterns to it instead: a rule whose patterns that may match here
        are all in the union already adds nothing, and its conditions' literals are not looked for."""
        from railguard.engine.analyzers.query_selection import FileTexts, may_hold, occur

        rules = self._family_rules(language)
        others = self._others.get(language)
        if others is None:
            others = self._others[language] = non_identifiers(u for cr in rules for u in self._selection(cr).units)
        present = word_test(data, others)
        texts = FileTexts(data)
        file = FileTexts(file_data) if file_data is not None and file_data is not data else texts
        selections = self._selections
        for cr in rules:
            if path is not None and cr.paths is not None and not self._admits(cr.paths, path):
                continue  # its matches are dropped by path (_matches)
            rule_id = cr.rule.id
            sel = selections.get(rule_id) or self._selection(cr)
            unit_needs = sel.unit_needs  # the literals of its patterns' `#match?` predicates
            units = tuple(i for i, u in enumerate(sel.units)
                          if u.may_match(present) and (not unit_needs or occur(unit_needs[i], texts)))
            if union is not None:
                known = union.get(rule_id)
                if known is not None and known[1].issuperset(units):
                    continue
            live = self._live[rule_id]
            if any(live[i] for i in units) and may_hold(sel.needs, texts, file):
                if union is None:
                    selected[rule_id] = (cr, units)
                else:
                    union.setdefault(rule_id, (cr, set()))[1].update(units)
        if self._selection_cache is not None and self._selection_cache.store.dirty:
            self._selection_cache.save()
            self._selection_cache.store.dirty = False

    def _family_rules(self, language: str) -> list[CompiledRule]:
        """The rules written for the language's family, in rule order."""
        rules = self._family.get(language)
        if rules is None:
            family = set(rule_languages_for(language))
            rules = self._family[language] = [cr for cr in self.compiled if family.intersection(cr.rule.languages)]
        return rules

    def _admits(self, paths: PathFilter, path: str) -> bool:
        """paths.matches(path), asked once per filter and path (rules share their `paths`)."""
        if path != self._admitted_path:
            self._admitted_path, self._admitted = path, {}
        ok = self._admitted.get(paths)
        if ok is None:
            ok = self._admitted[paths] = paths.matches(path)
        return ok

    def _part(self, cr: CompiledRule, units: Iterable[int]) -> str:
        """These top-level patterns of the rule's query (by index), in the query's order."""
        sel = self._selections[cr.rule.id]
        return "".join(sel.units[i].text for i in sorted(units))

    def _add_errors(self, errors: list[RuleError], rules: list[CompiledRule], language: str) -> None:
        known = {e.rule_id for e in self.errors}
        self.errors += [e for e in errors if language in _rule_langs(rules, e.rule_id) and e.rule_id not in known]

    def expect(self, files: Sequence[tuple[str, bytes]]) -> None:
        """The files a small scan is about to see (path, content): one query per language of the
        rules any of them can match is compiled (when first needed) instead of one per file's
        selection: a commit of files that differ compiles once. A file whose own selection is
        part of that query is queried with it: the patterns it adds are those the file's words
        or literals rule out, which find nothing there. Any other file is selected and compiled
        as without `expect`. Each call replaces what the previous one expected (a long-lived
        engine keeps the files of one scan, not of every scan)."""
        from railguard.engine.languages import detect_language

        self._seen, self._expected = {}, {}
        by_language: dict[str, dict[str, tuple[CompiledRule, set[int]]]] = {}
        for path, data in files:
            language = detect_language(path, data[:128])
            if language not in GRAMMARS:
                continue
            self._select(language, data, path, data, {}, by_language.setdefault(language, {}))
            # its own selection is part of the union: computed only if it is asked for (_selected)
            self._seen[(language, path)] = (data, None)
        for language, union in by_language.items():
            if union:
                rules = [cr for cr, _ in union.values()]
                parts = {rule_id: self._part(cr, units) for rule_id, (cr, units) in union.items()}
                self._expected[language] = ExpectedQuery(language, rules, parts,
                                                         {rule_id: frozenset(units) for rule_id, (_, units)
                                                          in union.items()})
            else:  # no rule can match any of its files
                self._seen.update({key: (seen[0], {}) for key, seen in self._seen.items() if key[0] == language})

    def _expected_query(self, language: str, expected: ExpectedQuery,
                        selected: dict[str, tuple[CompiledRule, tuple[int, ...]]]) -> LanguageQuery | None:
        """The expected query, with the errors of the rules of this file's selection, as compiling
        the selection alone reports them; None when it failed."""
        result = expected.result()
        if result is None:
            del self._expected[language]  # compiled as without `expect` from now on
            return None
        lq, errors = result
        self._add_errors([e for e in errors if e.rule_id in selected], expected.rules, language)
        self._selective.setdefault((language, frozenset(expected.parts.items())), lq)  # with the other selections
        return lq

    def split_for(self, language: str) -> SplitQuery:
        """The rules of a language as two queries: those whose every match holds one of their
        words (queried around those words, query_ranges.py) and the others."""
        from railguard.engine.analyzers.query_ranges import anchored

        split = self._splits.get(language)
        if split is None:
            family = set(rule_languages_for(language))
            rules = [cr for cr in self.compiled if family.intersection(cr.rule.languages)]
            units = {cr.rule.id: self._selection(cr).units for cr in rules}
            tied = [cr for cr in rules if anchored(units[cr.rule.id])]
            free = [cr for cr in rules if not anchored(units[cr.rule.id])]
            flq, errors = build_language_query(free, language)
            alq, more = build_language_query(tied, language)
            self.errors += [e for e in errors + more if language in _rule_langs(rules, e.rule_id)]
            split = self._splits[language] = SplitQuery(flq, alq, [(cr, units[cr.rule.id]) for cr in alq.rules])
        return split

    def _split_findings(self, document: Document, context: ScanContext) -> list[Finding]:
        """A large scan's findings: the free rules over the whole file, the anchored rules
        around their words; in the canonical program, both around its rewrites."""
        from railguard.engine.analyzers.query_ranges import DENSE, MAX_RANGES, ranges

        split = self.split_for(document.language)
        self._report_errors(context)
        seen: set[tuple[str, int]] = set()
        allowed = self._allowed(document, document)
        findings: list[Finding] = []
        if split.free.query is not None:
            findings += self._matches(split.free, document, context, seen, allowed=allowed)
        if split.anchored.query is not None:
            spans = ranges(split.units, document.data, document.path, allowed)
            if len(spans) > MAX_RANGES or len(spans) * 1000 > DENSE * len(document.data):
                findings += self._matches(split.anchored, document, context, seen, allowed=allowed)
            elif spans:
                findings += self._matches(split.anchored, document, context, seen, allowed=allowed, ranges=spans)
        canonical = self._canonical(document)
        if canonical is not None:
            source, rewritten = canonical
            allowed = self._allowed(rewritten, document)
            for q in (split.free, split.anchored):
                if q.query is not None:
                    findings += self._matches(q, rewritten, context, seen, (document, source), allowed=allowed)
        return findings

    def _report_errors(self, context: ScanContext) -> None:
        if len(self.errors) > self._reported:
            context.notices.extend(_notice(e) for e in self.errors[self._reported :])
            self._reported = len(self.errors)

    def analyze(self, document: Document, context: ScanContext) -> Iterable[Finding]:
        if self.split and context.regions is None and context.surface != "editor" \
                and not (context.small_scan and document.language not in self._queries):
            return self._split_findings(document, context)
        lq = self._query_of(document, document.data, context)
        self._report_errors(context)
        if lq.query is None:
            return []
        seen: set[tuple[str, int]] = set()
        if context.regions is not None:
            return self._region_findings(lq, document, context, seen)
        whole = lq is self._queries.get(document.language)
        findings = self._matches(lq, document, context, seen,
                                 allowed=self._allowed(document, document) if whole else None)
        canonical = self._canonical(document, keep=context.surface == "editor")
        if canonical is not None:
            # the same program with aliased / dynamic / look-alike module names spelled plainly
            # (canonical.py); its findings are reported at the original place
            source, rewritten = canonical
            clq = self._query_of(rewritten, rewritten.data, context)
            if clq.query is not None:
                findings += self._matches(clq, rewritten, context, seen, (document, source),
                                          allowed=self._allowed(rewritten, document)
                                          if clq is self._queries.get(document.language) else None)
        return findings

    def _allowed(self, document: Document, original: Document) -> Callable[[CompiledRule], bool]:
        """With the queries of every rule (a large scan): a test of whether a rule's conditions
        may hold in this document (`original`: the file it rewrites, when it is a canonical
        program); the matches of a rule that fails it are dropped before their conditions run.
        It fails only when a literal that one of the rule's `where` conditions needs does not
        occur (query_selection.may_hold, what a small scan relies on to leave the rule out of
        the query it compiles): such a rule finds nothing there. Decided once per rule and
        document, only for the rules asked about. (A small scan's query holds only such rules
        already.)"""
        from railguard.engine.analyzers.query_selection import FileTexts, may_hold

        texts = FileTexts(document.data)
        file = FileTexts(original.data) if original is not document else texts
        decided: dict[str, bool] = {}

        def allowed(cr: CompiledRule) -> bool:
            ok = decided.get(cr.rule.id)
            if ok is None:
                ok = decided[cr.rule.id] = may_hold(self._selection(cr).needs, texts, file)
            return ok

        return allowed

    def _region_findings(self, lq: LanguageQuery, document: Document, context: ScanContext,
                         seen: set[tuple[str, int]]) -> list[Finding]:
        """A region scan: every rule over the regions, and the `wide` rules over the windows
        their reach needs (query_reach.py); the same in the canonical program, only around its
        rewrites."""
        assert context.regions is not None
        root = document.tree.root_node
        skeleton = skeleton_windows(root, context.regions)
        reach_windows: dict[Reach, Windows | None] = {
            Reach.NODE: context.regions,
            Reach.SKELETON: skeleton,
            Reach.ENCLOSING: skeleton,
            Reach.FILE: None,  # the whole document
        }
        whole = ((0, len(document.data)),)
        self._prev_rewritten = None
        canonical = self._canonical(document, keep=context.surface == "editor", previous_data=context.previous_data)
        reaches = self._reaches(lq, document, context, canonical[1] if canonical is not None else None)
        for cr in lq.rules:
            if cr.wide:
                context.rule_regions[cr.rule.id] = reach_windows[reaches[cr.rule.id]] or whole
        findings: list[Finding] = []
        # the first query of the plan is lq with its wide rules skipped; the others are the wide
        # rules' own, each over its reach's windows (a wide rule narrowed to NODE reach included)
        for i, (q, reach) in enumerate(self._region_plan(lq, document, reaches)):
            findings += self._matches(q, document, context, seen, windows=reach_windows[reach],
                                      wide_pass=i > 0)
            if reach is Reach.ENCLOSING:  # the matches rooted at a node that holds a region
                findings += self._matches(q, document, context, seen, wide_pass=True,
                                          at=holders(root, context.regions))
        if canonical is not None:
            source, rewritten = canonical
            around = _around(source.edits)
            for i, (q, reach) in enumerate(self._region_plan(lq, rewritten, reaches)):
                windows = reach_windows[reach]
                near = around if windows is None else _intersect(
                    [(source.rewritten_offset(a), source.rewritten_offset(b, end=True)) for a, b in windows], around)
                if near:
                    findings += self._matches(q, rewritten, context, seen, (document, source), windows=tuple(near),
                                              wide_pass=i > 0)
                if reach is Reach.ENCLOSING:
                    spans = [(source.rewritten_offset(a), source.rewritten_offset(b, end=True))
                             for a, b in context.regions]
                    findings += self._matches(q, rewritten, context, seen, (document, source), wide_pass=True,
                                              at=holders(rewritten.tree.root_node, tuple(spans)))
        return findings

    def _reaches(self, lq: LanguageQuery, document: Document, context: ScanContext,
                 rewritten: Document | None) -> dict[str, Reach]:
        """Each wide rule's reach in this re-scan: a rule that reads the whole file reaches no
        further than its other conditions when what it reads there is what it read in the
        previous scan's text (and in its canonical program)."""
        from railguard.engine.document import Document

        prev = self._previous.pop(document.path, None)
        if prev is None or prev.data is not context.previous_data:
            prev = Document(document.path, context.previous_data, document.language) \
                if context.previous_data is not None else None
        self._previous[document.path] = document
        if prev is not None and "text" in prev.__dict__:  # literals absent before: looked for around the edit
            if prev.text is not document.text:
                span = edit_span(prev.text, document.text)  # once, for both
                continue_from(document.text, prev.text, span)
                carry_file_searches(document, prev, span)
            if "lowered_text" in prev.__dict__:
                continue_from(document.lowered_text, prev.lowered_text)
        while len(self._previous) > KEPT_REWRITES:
            self._previous.pop(next(iter(self._previous)))
        out: dict[str, Reach] = {}
        for cr in lq.rules:
            if not cr.wide:
                continue
            reach = cr.reach
            # the patterns of the match's and the confidence's conditions (both read files)
            patterns = cr.file_patterns
            if reach is Reach.FILE and prev is not None and same_file_facts(patterns, document, prev) and (
                    rewritten is None or (self._prev_rewritten is not None
                                          and same_file_facts(patterns, rewritten, self._prev_rewritten))):
                reach = cr.local_reach
            out[cr.rule.id] = reach
        return out

    def _region_plan(self, lq: LanguageQuery, document: Document,
                     reaches: dict[str, Reach]) -> list[tuple[LanguageQuery, Reach]]:
        """The queries of a region scan: lq (its wide rules skipped), then one per reach of the
        wide rules (those a file condition rules out for this document left out)."""
        groups: dict[Reach, list[CompiledRule]] = {}
        for cr in lq.rules:
            reach = reaches.get(cr.rule.id, Reach.NODE)
            if cr.wide and not (reach is Reach.FILE and ruled_out(cr.conditions, document)):
                groups.setdefault(reach, []).append(cr)
        plan = [(lq, Reach.NODE)]
        for reach, rules in sorted(groups.items()):
            key = (document.language, frozenset(cr.rule.id for cr in rules))
            wlq = self._selective.get(key)
            if wlq is None:
                wlq, _ = build_language_query(rules, document.language)
                self._selective[key] = wlq
            if wlq.query is not None:
                plan.append((wlq, reach))
        return plan

    def wide_rule_ids(self, language: str) -> frozenset[str]:
        """Rules a region re-scan reports over whole top-level statements or the whole document."""
        family = set(rule_languages_for(language))
        return frozenset(cr.rule.id for cr in self.compiled if cr.reach >= Reach.ENCLOSING
                         and family.intersection(cr.rule.languages))

    def _selection(self, cr: CompiledRule) -> Selection:
        """What decides whether the rule can match a file (query_selection.py), from the signed
        cache in the user's cache dir when it holds this rule's text, else derived (and kept)."""
        from railguard.engine.analyzers.query_selection import SelectionCache, derive

        sel = self._selections.get(cr.rule.id)
        if sel is not None:
            return sel
        query = cr.rule.matcher["query"]
        if self._selection_cache is None and not os.environ.get("RAILGUARD_NO_RULE_CACHE"):
            self._selection_cache = SelectionCache()
        cache = self._selection_cache
        digest = SelectionCache.digest(cr.rule.id, query, cr.rule.matcher.get("where"),
                                       not cr.rule.source.startswith(BUNDLED_PREFIX))
        sel = cache.get(cr.rule.id, digest, query) if cache is not None else None
        if sel is None:
            sel = derive(query, cr.conditions)
            if cache is not None:
                cache.put(cr.rule.id, digest, sel)
        cr.__dict__.setdefault("units", sel.units)  # the same split, for the other uses of units
        self._live[cr.rule.id] = tuple(bool(u.text.strip()) for u in sel.units)
        self._selections[cr.rule.id] = sel
        return sel

    def _query_of(self, document: Document, data: bytes, context: ScanContext) -> LanguageQuery:
        if context.small_scan and document.language not in self._queries:
            origin = document.file_origin or document
            return self.selective_query_for(document.language, data, document.path, origin.data)
        return self.query_for(document.language)

    def _canonical(self, document: Document, keep: bool = False,
                   previous_data: bytes | None = None) -> tuple[CanonicalSource, Document] | None:
        """The canonical program (canonical.py) as a Document; with `keep`, its tree is kept for
        the next scan of the same path (a few paths, the most recent)."""
        if document.language != "python":
            return None
        known = self._known_words.get(document.language)
        if known is None:
            family = set(rule_languages_for(document.language))
            known = self._known_words[document.language] = frozenset(
                w.decode("utf-8", "replace") for cr in self.compiled if family.intersection(cr.rule.languages)
                for u in cr.units for needs in u.alternatives for need in needs for w in need)
        source = canonical_source(document.data, document.tree.root_node, known)
        if source is None:
            return None
        from railguard.engine.document import Document

        if not keep:
            rewritten = Document(document.path, source.data, document.language)
            rewritten.file_origin = document
            return source, rewritten
        self._prev_rewritten = None
        # an editor's buffer: its canonical program is re-parsed incrementally from the last one
        entry = self._rewritten.pop(document.path, None)
        previous = entry[1] if entry is not None else None
        self._prev_rewritten = previous if entry is not None and entry[0] is previous_data else None
        old_tree = None
        if previous is not None and previous.parsed_tree is not None:
            old_tree = edited_copy(previous.parsed_tree, previous.data, source.data)
        rewritten = Document(document.path, source.data, document.language, old_tree=old_tree)
        rewritten.file_origin = document
        self._rewritten[document.path] = (document.data, rewritten)
        while len(self._rewritten) > KEPT_REWRITES:
            self._rewritten.pop(next(iter(self._rewritten)))
        return source, rewritten

    def _matches(self, lq: LanguageQuery, document: Document, context: ScanContext,
                 seen: set[tuple[str, int]],
                 origin: tuple[Document, CanonicalSource] | None = None,
                 windows: Windows | None = None, wide_pass: bool = False,
                 at: list[Node] | None = None, allowed: Callable[[CompiledRule], bool] | None = None,
                 ranges: list[tuple[int, int]] | None = None) -> list[Finding]:
        """The findings of lq's rules (of those in `allowed`, when given). In a region scan (context.regions), a rule's findings are
        those that start in its windows (context.rule_regions, else the regions); the matches of
        `wide` rules are skipped unless `wide_pass` (see `_region_findings`). `ranges`: only
        the matches that intersect these byte ranges (query_ranges.py), each checked once."""
        from tree_sitter import QueryCursor

        assert lq.query is not None
        findings: list[Finding] = []
        regions = windows if wide_pass or origin is not None else context.regions
        if origin is not None and regions is None:
            # only matches that touch a rewritten name are new: query around the rewrites
            # (context.regions are offsets of the original: filtered below)
            regions = _around(origin[1].edits)
        if ranges is not None:
            regions = ranges
        checked: set[tuple] | None = set() if ranges is not None else None
        windows = regions if regions is not None else _windows(len(document.data))
        starts = [(document.tree.root_node, lo, hi) for lo, hi in windows] if at is None \
            else [(node, -1, -1) for node in at]
        for node, lo, hi in starts:
            budget.check()  # a large file is queried window by window, the budget checked between them
            cursor = QueryCursor(lq.query, match_limit=10000)
            if at is not None:
                cursor.set_max_start_depth(0)  # only the matches rooted at this node
            elif regions is not None or len(windows) > 1:
                cursor.set_byte_range(lo, hi)
            for pattern_index, captures in cursor.matches(node):
                start = lq.query.start_byte_for_pattern(pattern_index)
                cr = lq.rules[bisect.bisect_right(lq.starts, start) - 1]
                if allowed is not None and not allowed(cr):
                    continue
                if cr.paths is not None and not self._admits(cr.paths, document.path):
                    continue
                if checked is not None:  # a match that intersects several ranges
                    mkey = (pattern_index, *((n[0].id, n[-1].id) for n in captures.values() if n))
                    if mkey in checked:
                        continue
                    checked.add(mkey)
                if context.regions is None:
                    limit = None
                elif cr.wide:
                    if not wide_pass:
                        continue  # reported by the pass of the wide rules
                    limit = context.rule_regions.get(cr.rule.id)
                    limit = None if limit is not None and limit[0] == (0, len(document.data)) and origin is None \
                        else limit
                else:
                    limit = context.regions
                finding = self._check_match(cr, captures, document, origin, limit)
                if finding is None:
                    continue
                begin = finding.range.start_byte
                if limit is not None and not any(a <= begin < b for a, b in limit):
                    continue
                # two patterns of one rule that match the same construct (`return f(...)` and
                # `f(...)`) end on the same byte: one finding
                key = (cr.rule.id, finding.range.end_byte)
                if key not in seen:
                    seen.add(key)
                    findings.append(finding)
        return findings

    def _check_match(self, cr: CompiledRule, captures: dict[str, list[Node]], doc: Document,
                     origin: tuple[Document, CanonicalSource] | None = None,
                     regions: tuple[tuple[int, int], ...] | None = None) -> Finding | None:
        if any(n.type == "comment" for nodes in captures.values() for n in nodes):
            captures = _past_comments(captures)
            if captures is None:
                return None
        first: dict[str, Node] = {name: nodes[0] for name, nodes in captures.items() if nodes}
        target = first.get(cr.report)
        if target is None:
            if not first:
                return None
            target = max(first.values(), key=lambda n: n.end_byte - n.start_byte)
        if regions is not None and origin is None and not any(a <= target.start_byte < b for a, b in regions):
            # a match whose root merely overlaps an edited region (its function, its class) is
            # reported only if it starts there: decide that before running its conditions
            return None
        if not all(cond.holds_in_match(captures, doc) for cond in cr.conditions):
            return None
        texts = {name: doc.node_text(n) for name, n in first.items()}
        if origin is not None:
            original, source = origin
            finding = make_finding(cr.rule, original, source.original_offset(target.start_byte),
                                   source.original_offset(target.end_byte, end=True), captures=texts)
        else:
            # a fix's text is code: written into a notebook's JSON string it would break the file
            fix = build_fix(cr.rule.fix, doc, target, first) if cr.rule.fix and not doc.path.lower().endswith(".ipynb") \
                else None
            finding = make_finding(cr.rule, doc, target.start_byte, target.end_byte, captures=texts, fix=fix)
        if cr.confident_when and not all(c.holds_in_match(captures, doc) for c in cr.confident_when):
            return replace(finding, confidence=Confidence.LOW)
        return finding


QUERY_WINDOW = 64 * 1024
KEPT_REWRITES = 8  # canonical programs kept for incremental re-parsing (editor buffers)


def edited_copy(tree: Tree, old: bytes, new: bytes) -> Tree:
    """A copy of old's tree with the one edit that turns old into new (their common prefix
    and suffix kept), ready for an incremental parse of new."""
    prefix, old_end, new_end = edit_span(old, new)
    copy = tree.copy()
    copy.edit(start_byte=prefix, old_end_byte=old_end, new_end_byte=new_end, start_point=_point(old, prefix),
              old_end_point=_point(old, old_end), new_end_point=_point(new, new_end))
    return copy


def _point(data: bytes, offset: int) -> tuple[int, int]:
    return data.count(b"\n", 0, offset), offset - (data.rfind(b"\n", 0, offset) + 1)


def _windows(size: int) -> list[tuple[int, int]]:
    """Byte windows for one file. A match is reported by every window it intersects (the
    findings are de-duplicated), so windows lose nothing; they bound the work between checks."""
    if size <= QUERY_WINDOW:
        return [(0, size)]
    return [(lo, min(size, lo + QUERY_WINDOW)) for lo in range(0, size, QUERY_WINDOW)]


def _around(edits: tuple[tuple[int, int, int, int], ...], gap: int = 4096) -> list[tuple[int, int]]:
    """The rewritten spans of a canonical source, merged when close, as byte windows."""
    out: list[tuple[int, int]] = []
    for _, _, lo, hi in edits:
        if out and lo - out[-1][1] <= gap:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _intersect(windows: list[tuple[int, int]], others: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of `windows` inside `others`."""
    out = []
    for a, b in windows:
        for c, d in others:
            lo, hi = max(a, c), min(b, d)
            if lo < hi:
                out.append((lo, hi))
    return sorted(out)


def _rule_langs(rules: list[CompiledRule], rule_id: str | None) -> tuple[str, ...]:
    for cr in rules:
        if cr.rule.id == rule_id:
            return cr.rule.languages
    return ()


def _notice(e: RuleError) -> Notice:
    text = str(e)
    return Notice(e.source, text[len(e.source) + 2 :] if text.startswith(e.source + ": ") else text, "error")


ANALYZER = QueryAnalyzer
