"""Inline suppressions.

On the reported line, or alone on the line above it (for a pattern rule's match written over a
few lines, on any of its lines), in a comment (a tree-sitter comment
node; for text without a grammar, after the language's comment marker outside quotes) —
a marker inside a string literal is data and suppresses nothing:

    railguard: ignore[python.yaml-load,python.pickle-loads] the file is written by us
    # nosec                      (bandit)     -> every rule on the line
    # nosemgrep[: rule-id]       (semgrep)    -> every rule, or the named ones
    # noqa: S311                 (ruff's flake8-bandit codes) -> the rules for that weakness
    # pragma: allowlist secret   (detect-secrets) -> secrets on the line
    # pragma: allowlist nextline secret          -> secrets on the next line

A suppression without rule ids or without a reason still works, and is itself
reported by the rules `railguard.suppression-without-rule` / `-without-reason`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from railguard.engine.document import Document
from railguard.engine.languages import LINE_COMMENT
from railguard.model import Finding

_RAILGUARD = re.compile(r"railguard:\s*ignore(?:\[(?P<ids>[^\]]*)\])?(?P<reason>[^\n]*)", re.IGNORECASE)
_NOSEC = re.compile(r"(?:#|//|/\*)\s*nosec\b", re.IGNORECASE)
_NOSEMGREP = re.compile(r"nosemgrep(?::\s*(?P<ids>[\w.\-, ]+))?", re.IGNORECASE)
_ALLOWLIST = re.compile(r"pragma:\s*allowlist[ -]secret", re.IGNORECASE)
_ALLOWLIST_NEXT = re.compile(r"pragma:\s*allowlist[ -]nextline[ -]secret", re.IGNORECASE)
_NOQA = re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Za-z]+\d+(?:[\s,]+[A-Za-z]+\d+)*)", re.IGNORECASE)
_BANDIT_CODE = re.compile(r"^S(\d{3})$", re.IGNORECASE)
_COMMENT_ONLY = re.compile(r"^\s*(#|//|/\*|\*|--|<!--|;|%)")
_MARKERS = ("railguard", "nosec", "nosemgrep", "allowlist", "noqa")
_BANDIT_CODES = Path(__file__).resolve().parent.parent / "rules" / "python" / "data" / "bandit-codes.yaml"


@lru_cache(maxsize=1)
def bandit_codes() -> dict[str, tuple[str, ...]]:
    """bandit's test numbers -> railguard rules for the same weakness (rules/python/data)."""
    from railguard.rules.loader import load_data_file

    data = load_data_file(_BANDIT_CODES) or {}
    return {str(k): tuple(str(r) for r in v or ()) for k, v in data.items()}
# the hygiene rules are never silenced by the comment they report on
UNSUPPRESSIBLE = ("railguard.suppression-without-rule", "railguard.suppression-without-reason")


@dataclass(frozen=True)
class Suppression:
    rule_ids: tuple[str, ...] | None  # None: all rules
    secrets_only: bool = False
    justification: str = ""  # the marker and its reason, as written (for SARIF and the audit log)

    def covers(self, finding: Finding) -> bool:
        if self.secrets_only:
            return finding.analyzer == "secrets"
        if self.rule_ids is None:
            return True
        return any(finding.rule_id == rid or finding.rule_id.startswith(rid + ".") for rid in self.rule_ids)


def _parse_line(line: str, in_comment: Callable[[int], bool]) -> list[Suppression]:
    """The suppressions a line's comments carry; in_comment(column) says whether a marker
    starting at that column of the line is inside a comment."""
    lowered = line.lower()
    if not any(m in lowered for m in _MARKERS):
        return []
    found: list[Suppression] = []
    for m in _RAILGUARD.finditer(line):
        if in_comment(m.start()):
            ids = m.group("ids")
            rule_ids = tuple(i.strip() for i in ids.split(",") if i.strip()) if ids else None
            found.append(Suppression(rule_ids or None, justification=_said(m.group(0))))
    if any(in_comment(m.end() - 1) for m in _NOSEC.finditer(line)):
        m = next(m for m in _NOSEC.finditer(line) if in_comment(m.end() - 1))
        found.append(Suppression(None, justification=_said(line[m.start():])))
    for m in _NOSEMGREP.finditer(line):
        if in_comment(m.start()):
            ids = m.group("ids")
            rule_ids = tuple(i.strip() for i in ids.split(",") if i.strip()) if ids else None
            found.append(Suppression(rule_ids or None, justification=_said(line[m.start():])))
    for m in _NOQA.finditer(line):
        if in_comment(m.start()):
            # `# noqa: S311`: reviewed for ruff's flake8-bandit rule, the rules for that weakness
            numbers = [c.group(1) for c in map(_BANDIT_CODE.match, re.split(r"[\s,]+", m.group("codes"))) if c]
            rule_ids = tuple(dict.fromkeys(r for n in numbers for r in bandit_codes().get(n, ())))
            if rule_ids:
                found.append(Suppression(rule_ids, justification=_said(line[m.start():])))
    allow = [m for m in _ALLOWLIST.finditer(line) if in_comment(m.start())]
    if allow and not any(in_comment(m.start()) for m in _ALLOWLIST_NEXT.finditer(line)):
        found.append(Suppression(None, secrets_only=True, justification=_said(line[allow[0].start():])))
    return found


def _tree_comment_test(doc: Document, line: int, text: str) -> Callable[[int], bool]:
    """Whether a column of the line lies in a comment node of the document's tree."""
    root = doc.tree.root_node
    start = doc.line_starts[line]

    def in_comment(column: int) -> bool:
        at = start + len(text[:column].encode("utf-8", "surrogateescape"))
        node = root.descendant_for_byte_range(at, at + 1)
        while node is not None and node.end_byte - node.start_byte < 1 << 20:
            if "comment" in node.type:
                return True
            node = node.parent
        return False

    return in_comment


_ANY_COMMENT = ("#", "//", "/*", "<!--", "--", ";")


def _text_comment_start(text: str, tokens: tuple[str, ...]) -> int:
    """Column where the line's comment starts (a comment token outside quotes), or -1."""
    quote = ""
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'`":
            quote = c
        elif any(text.startswith(t, i) for t in tokens):
            return i
        i += 1
    return -1


def _text_comment_test(doc: Document, text: str) -> Callable[[int], bool]:
    token = LINE_COMMENT.get(doc.language or "")
    tokens = (token, "/*") if token == "//" else (token,) if token else _ANY_COMMENT
    start = _text_comment_start(text, tokens)
    return lambda column: 0 <= start <= column


def _comments_of(doc: Document, line: int) -> list[Suppression]:
    text = doc.line_text(line)
    if not any(m in text.lower() for m in _MARKERS):
        return []
    test = _tree_comment_test(doc, line, text) if doc.has_tree else _text_comment_test(doc, text)
    return _parse_line(text, test)


def _said(text: str) -> str:
    text = " ".join(text.replace("*/", " ").replace("-->", " ").split())
    return text if len(text) <= 200 else text[:199] + "…"


def suppressions_for_line(doc: Document, line: int) -> list[Suppression]:
    result = _comments_of(doc, line)
    if line > 0:
        above = doc.line_text(line - 1)
        if _COMMENT_ONLY.match(above):
            result += [s for s in _comments_of(doc, line - 1) if not s.secrets_only]
        if m := _ALLOWLIST_NEXT.search(above):
            test = _tree_comment_test(doc, line - 1, above) if doc.has_tree else _text_comment_test(doc, above)
            if test(m.start()):
                result.append(Suppression(None, secrets_only=True, justification=_said(above[m.start():])))
    return result


MAX_STATEMENT_LINES = 12  # a reported pattern spanning more lines is a block, not one statement


def filter_suppressed(findings: list[Finding], doc: Document) -> tuple[list[Finding], list[Finding]]:
    """(kept, suppressed)."""
    if not findings:
        return [], []
    if not any(m in doc.data.lower() for m in (b"railguard", b"nosec", b"nosemgrep", b"allowlist", b"noqa")):
        return findings, []
    kept, suppressed = [], []
    cache: dict[int, list[Suppression]] = {}
    for f in findings:
        if f.rule_id in UNSUPPRESSIBLE:
            kept.append(f)
            continue
        line = f.range.start.line
        if line not in cache:
            cache[line] = suppressions_for_line(doc, line)
        covering = [s for s in cache[line] if s.covers(f)]
        if not covering and f.analyzer == "query" and 0 < f.range.end.line - line <= MAX_STATEMENT_LINES:
            # a call written over several lines: a marker on any of its lines is the call's, as
            # bandit reads `# nosec` on the line of the argument it concerns (`shell=True,  # nosec`)
            covering = [s for n in range(line + 1, f.range.end.line + 1) for s in _comments_of(doc, n) if s.covers(f)]
        if covering:
            suppressed.append(f.with_changes(suppression=covering[0].justification or "suppressed in source"))
        else:
            kept.append(f)
    return kept, suppressed


def suppression_comment(language_comment: str, rule_id: str) -> str:
    """The comment text the editor's quick fix inserts."""
    return f"{language_comment} railguard: ignore[{rule_id}] <reason>"
