"""The text analyzer: regular-expression rules over any text file.

Rule matcher:

    languages: [dockerfile, shell]    # or [any]
    paths: [".claude/settings*.json"] # optional, gitignore syntax; with `any`, the paths decide
    regex: '--dangerously-skip-permissions'
    flags: [ignorecase]               # ignorecase, dotall; multiline is always on
    where:                            # conditions on named groups (regex, not-regex, absent)
      - capture: value
        not-regex: '^\\$\\{'
    report: value                     # named group to report (default: the whole match)

Patterns are applied with re.finditer over the whole text; every shipped
pattern is tested against adversarial input for catastrophic backtracking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from railguard.engine.analyzers.base import Analyzer
from railguard.engine.analyzers.conditions import Condition, parse_conditions
from railguard.engine.analyzers.query_literals import may_match
from railguard.engine.findings import make_finding
from railguard.engine.fixes import render_template, validate_fix
from railguard.engine.lazyre import LazyPattern
from railguard.engine.paths import PathFilter
from railguard.model import Finding, Fix, Notice, RailguardError, Rule, TextEdit
from railguard.rules.loader import BUNDLED_PREFIX, RuleError

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document

_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_FLAGS = {"ignorecase": re.IGNORECASE, "dotall": re.DOTALL, "multiline": re.MULTILINE}
MAX_MATCHES_PER_RULE = 200


@dataclass(frozen=True)
class TextRule:
    rule: Rule
    pattern: LazyPattern
    conditions: tuple[Condition, ...]
    report: str | None
    paths: PathFilter | None
    any_language: bool


def compile_text_rule(rule: Rule) -> TextRule:
    regex = rule.matcher.get("regex")
    if not isinstance(regex, str) or not regex:
        raise RuleError(rule.source, rule.id, "regex", "must be a non-empty regular expression")
    flags = re.MULTILINE
    raw_flags = rule.matcher.get("flags") or []
    if not isinstance(raw_flags, list):
        raise RuleError(rule.source, rule.id, "flags", "must be a list")
    for name in raw_flags:
        if name not in _FLAGS:
            raise RuleError(rule.source, rule.id, "flags", f"unknown flag {name!r} (known: {', '.join(_FLAGS)})")
        flags |= _FLAGS[name]
    bundled = rule.source.startswith(BUNDLED_PREFIX)
    pattern = LazyPattern(regex, flags, f"{rule.source}: rule {rule.id}: field 'regex'", linear=not bundled)
    if not bundled:  # bundled patterns are checked by the test suite; a pack's own run on RE2
        try:
            pattern.compiled  # noqa: B018
        except RailguardError as exc:
            raise RuleError(rule.source, rule.id, "regex", str(exc).split(": field 'regex': ", 1)[-1]) from None
    groups = set(_NAMED_GROUP.findall(regex))
    try:
        conditions = parse_conditions(rule.matcher.get("where"), linear=not bundled)
    except ValueError as exc:
        raise RuleError(rule.source, rule.id, "where", str(exc)) from None
    for cond in conditions:
        if cond.capture not in groups:
            raise RuleError(rule.source, rule.id, "where", f"no named group {cond.capture!r} in the regex")
    report = rule.matcher.get("report")
    if report is not None and report not in groups:
        raise RuleError(rule.source, rule.id, "report", f"no named group {report!r} in the regex")
    if rule.fix is not None:
        problem = validate_fix(rule.fix)
        if problem:
            raise RuleError(rule.source, rule.id, "fix", problem)
    return TextRule(
        rule=rule,
        pattern=pattern,
        conditions=conditions,
        report=report,
        paths=PathFilter.from_patterns(rule.paths) if rule.paths else None,
        any_language="any" in rule.languages,
    )


class TextAnalyzer(Analyzer):
    name = "text"
    precedence = 1

    def __init__(self, rules: list[Rule], config: Config) -> None:
        self.config = config
        self.errors: list[RuleError] = []
        self.rules: list[TextRule] = []
        for rule in rules:
            try:
                self.rules.append(compile_text_rule(rule))
            except RuleError as exc:
                self.errors.append(exc)
        self._reported = len(self.errors)  # errors found at init are reported by the engine

    def _selected(self, document: Document) -> list[TextRule]:
        out = []
        for tr in self.rules:
            if tr.paths is not None:
                if not tr.paths.matches(document.path):
                    continue
                if tr.any_language or document.language in tr.rule.languages:
                    out.append(tr)
            elif tr.any_language or document.language in tr.rule.languages:
                out.append(tr)
        return out

    def applies_to(self, document: Document) -> bool:
        return bool(self._selected(document))

    def analyze(self, document: Document, context: ScanContext) -> Iterable[Finding]:
        if len(self.errors) > self._reported:
            context.notices.extend(_notice(e) for e in self.errors[self._reported :])
            self._reported = len(self.errors)
        findings: list[Finding] = []
        text = document.text
        for tr in self._selected(document):
            count = 0
            pattern = tr.pattern
            if isinstance(pattern, LazyPattern) and not pattern.linear \
                    and not may_match(pattern.source, pattern.flags, text):
                continue  # a literal every match needs is absent (`railguard:`): no pass over the text
            for m in tr.pattern.finditer(text):
                if not all(cond.holds_for_text(m.group(cond.capture)) for cond in tr.conditions):
                    continue
                group = tr.report if tr.report and m.group(tr.report) is not None else 0
                start, end = m.span(group)
                bstart = len(text[:start].encode("utf-8", "surrogateescape"))
                bend = bstart + len(text[start:end].encode("utf-8", "surrogateescape"))
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                fix = _text_fix(tr.rule, document, bstart, bend, groups)
                findings.append(make_finding(tr.rule, document, bstart, bend, captures=groups, fix=fix))
                count += 1
                if count >= MAX_MATCHES_PER_RULE:
                    break
        return findings


def _text_fix(rule: Rule, doc: Document, start: int, end: int, groups: dict[str, str]) -> Fix | None:
    spec = rule.fix
    if not spec:
        return None
    if "replace" in spec:
        new = render_template(spec["replace"], groups)
    elif spec.get("delete"):
        new = ""
    else:
        return None
    return Fix(spec.get("description", "Apply the suggested fix"), (TextEdit(doc.range_of(start, end), new),),
               bool(spec.get("safe", True)))


def _notice(e: RuleError) -> Notice:
    text = str(e)
    return Notice(e.source, text[len(e.source) + 2 :] if text.startswith(e.source + ": ") else text, "error")


ANALYZER = TextAnalyzer
