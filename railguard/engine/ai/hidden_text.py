"""Hidden text: invisible, bidirectional and tag characters in any text file (stricter in the
instruction files agents read), and identifiers spelled with look-alike letters of another script."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from railguard.engine.ai import unicode
from railguard.engine.ai.common import CharToByte, Family, Hit
from railguard.engine.paths import PathFilter
from railguard.engine.policy import TEST_PATTERNS
from railguard.model import Confidence, RailguardError

if TYPE_CHECKING:
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document

INSTRUCTION_FILES = (
    ".cursorrules", ".cursor/rules/**", ".github/copilot-instructions.md", ".github/instructions/**",
    ".github/prompts/**", "CLAUDE.md", "CLAUDE.local.md", ".claude/commands/**", ".claude/agents/**",
    "AGENTS.md", "GEMINI.md", ".windsurfrules", ".windsurf/rules/**", ".clinerules", ".clinerules/**",
    ".roorules", ".roo/rules/**", "*.prompt.md", "*.instructions.md", "*.chatmode.md", ".aider.conf.yml",
    "CONVENTIONS.md",
)
# natural-language catalogs: bidi controls and joiners are how their scripts are written
LOCALIZATION = PathFilter.from_patterns([
    "*.po", "*.pot", "*.xlf", "*.xliff", "*.strings", "*.stringsdict", "*.resx", "*.arb", "*.ts.xml",
    "locale/**/*.json", "locales/**/*.json", "i18n/**/*.json", "lang/**/*.json", "translations/**",
])
# test code: its string literals are test input
TEST_FILES = PathFilter.from_patterns(TEST_PATTERNS)
_PROSE_KINDS = frozenset({"invisible", "bidi"})
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# the longest run of one repeated zero-width character that a string of code may hold at low confidence
_MAX_REPEATED = 3
# languages whose regular expressions and strings can hold invisible characters as data
CODE_LANGUAGES = frozenset({"python", "javascript", "typescript", "tsx", "java", "go"})


def _any_text(doc: Document) -> bool:
    return True


def _code(doc: Document) -> bool:
    return doc.has_tree


class HiddenText:
    families: Mapping[str, Family] = {
        "hidden-unicode": Family(("instruction-file", "tag", "bidi", "invisible"), None, _any_text),
        "confusables": Family(("confusable-identifier",), None, _code),
    }

    def __init__(self, options: Mapping[str, list[dict[str, Any]]]) -> None:
        """options: detector kind -> the options of each rule that uses it."""
        self.instruction_rules = "instruction-file" in options
        patterns = INSTRUCTION_FILES
        for opts in options.get("instruction-file", []):
            extra = opts.get("instruction-files")
            if isinstance(extra, list) and all(isinstance(p, str) for p in extra):
                patterns = tuple(extra)
        self.instruction_files = PathFilter.from_patterns(patterns)

    def hits(self, family: str, doc: Document, context: ScanContext) -> Iterator[Hit]:
        if family == "hidden-unicode":
            instruction = self.instruction_files.matches(doc.path) and self.instruction_rules
            natural = not instruction and LOCALIZATION.matches(doc.path)
            keep = None
            if not instruction and not doc.text.isascii() and doc.language in CODE_LANGUAGES and doc.has_tree:
                try:
                    root = doc.tree.root_node
                except RailguardError:
                    root = None  # no grammar here: every run counts (fail closed)
                if root is not None:
                    to_byte = CharToByte(doc.text)
                    strings_are_data = TEST_FILES.matches(doc.path)

                    def keep(start: int) -> bool:
                        b = to_byte(start)
                        if unicode.in_data_literal(doc.data, root, b):
                            return False
                        # a test's string literals are its input (`("en\u2013\u2060dash", "endash")`
                        # for a slug test); a bidi control still reorders how the code reads
                        return not (strings_are_data and not _BIDI.match(doc.text, start)
                                    and unicode.in_string_literal(root, b))
            hits = unicode.hidden_unicode_hits(doc.text, instruction, natural_language=natural, keep=keep)
            if keep is not None:
                # one zero-width character inside a string or a comment of code (an editor's caret
                # marker `"<span>\u200b</span>"`, a joiner in a formula of a doc comment) carries no
                # text and changes no token: low. So does a short run of one character repeated
                # (`<text:span>\u200d\u200d</text:span>` that keeps an element from being empty):
                # hidden text needs at least two different symbols. A bidi control, a longer or
                # mixed run, hidden tag characters and anything between tokens keep their confidence.
                hits = [replace(h, confidence=Confidence.LOW)
                        if h.kind == "invisible" and h.end - h.start <= _MAX_REPEATED
                        and len(set(doc.text[h.start:h.end])) == 1 and not _BIDI.match(doc.text, h.start)
                        and unicode.in_string_literal(root, to_byte(h.start), comments=True) else h for h in hits]
            if not instruction and not doc.has_tree and "translation" in context.kinds:
                # a catalogue the policy knows (`src/translations/pt_BR/messages.json`): zero-width
                # spaces and direction marks in its messages are how people write; tag characters
                # (hidden ASCII) stay, and code below such a folder has a tree and is judged as code
                hits = [replace(h, confidence=Confidence.LOW) if h.kind in _PROSE_KINDS else h for h in hits]
            yield from hits
        elif family == "confusables":
            yield from _confusables(doc)


def _confusables(doc: Document) -> Iterator[Hit]:
    candidates = list(unicode.identifier_candidates(doc.text))
    if not candidates:
        return
    to_byte = CharToByte(doc.text)
    root = doc.tree.root_node
    for start, end, word in candidates:
        found = unicode.confusable_identifier(word)
        if not found:
            continue
        b = to_byte(start)
        node = root.descendant_for_byte_range(b, to_byte(end))
        if node is None or "identifier" not in node.type:
            continue
        script, skeleton = found
        yield Hit("confusable-identifier", start, end, {"name": word, "script": script, "latin": skeleton},
                  replacement=skeleton, fix_description=f"Spell it in Latin letters: {skeleton}", fix_safe=False)
