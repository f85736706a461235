"""What the code actions change, in the engine's terms (byte offsets of the open buffer).

server.py turns these into LSP code actions; nothing here knows LSP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from railguard.engine.baseline import Baseline, load_baseline
from railguard.engine.document import Document
from railguard.engine.languages import LINE_COMMENT
from railguard.engine.suppressions import suppression_comment
from railguard.lsp_server.buffer import TextView
from railguard.model import Finding, RailguardError


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


# ---------------------------------------------------------------- suppress

_EXISTING = re.compile(r"railguard:\s*ignore\[(?P<ids>[^\]]*)\]")


def suppress_edit(view: TextView, language: str, line: int, rule_id: str) -> Edit | None:
    """A `railguard: ignore[<rule>] <reason>` comment for the finding's line, in the
    language's comment syntax: added to an existing railguard comment, else at the end of
    the line, else (a line continued with a backslash) alone on the line above."""
    comment = LINE_COMMENT.get(language)
    if comment is None or line < 0 or line >= view.line_count:
        return None
    text = view.line_text(line)
    start = view.starts[line]
    m = _EXISTING.search(text)
    if m:
        ids = [i.strip() for i in m.group("ids").split(",") if i.strip()]
        if rule_id in ids:
            return None
        pos = start + len(text[: m.end("ids")].encode("utf-8", "surrogateescape"))
        return Edit(pos, pos, ("," if ids else "") + rule_id)
    if text.rstrip().endswith("\\"):
        indent = text[: len(text) - len(text.lstrip())]
        eol = _line_ending(view, line)
        return Edit(start, start, f"{indent}{suppression_comment(comment, rule_id)}{eol}")
    end = start + len(text.encode("utf-8", "surrogateescape"))
    return Edit(end, end, f"  {suppression_comment(comment, rule_id)}")


def _line_ending(view: TextView, line: int) -> str:
    if line + 1 < view.line_count:
        end = view.starts[line + 1]
        raw = view.data[view.starts[line]:end]
        return "\r\n" if raw.endswith(b"\r\n") else "\r" if raw.endswith(b"\r") else "\n"
    return "\n"


# ---------------------------------------------------------------- fixes


def fix_all_edits(findings: list[Finding]) -> list[Edit]:
    """Every safe fix, as `apply_edits` would apply them: an edit overlapping one already
    taken (scanning from the end of the file) is left out."""
    edits = [e for f in findings if f.fix is not None and f.fix.safe for e in f.fix.edits]
    kept: list[Edit] = []
    last_start = None
    for e in sorted(edits, key=lambda e: (e.range.start_byte, e.range.end_byte), reverse=True):
        s, end = e.range.start_byte, e.range.end_byte
        if last_start is not None and end > last_start:
            continue
        if kept and kept[-1].start == s and kept[-1].end == end and kept[-1].text == e.new_text:
            continue
        kept.append(Edit(s, end, e.new_text))
        last_start = s
    return kept


# ---------------------------------------------------------------- baseline


def add_to_baseline(path: Path, display: str, rule_id: str, fingerprint: str) -> bool:
    """Add one accepted finding to the baseline file (written atomically). False if present."""
    try:
        baseline = load_baseline(path) if path.exists() else Baseline()
    except RailguardError:
        raise
    entry = (display, rule_id, fingerprint)
    if entry in baseline.entries:
        return False
    baseline.entries.add(entry)
    baseline.save(path)
    return True


# ---------------------------------------------------------------- secrets

ENV_LOOKUP: dict[str, str] = {
    "python": 'os.environ["{name}"]',
    "javascript": "process.env.{name}",
    "typescript": "process.env.{name}",
    "tsx": "process.env.{name}",
    "java": 'System.getenv("{name}")',
    "go": 'os.Getenv("{name}")',
}
STRING_NODES = {"string", "template_string", "string_literal", "interpreted_string_literal",
                "raw_string_literal", "text_block"}
_QUOTES = "\"'`"
_NAME_BEFORE = re.compile(r"""([A-Za-z_][A-Za-z0-9_.\-]*)["']?\s*(?::=|=|:|,)\s*$""")


def env_var_name(text_before: str, rule_id: str) -> str:
    """UPPER_SNAKE name of the variable or key the secret is assigned to, else from the rule."""
    m = _NAME_BEFORE.search(text_before)
    raw = m.group(1).rsplit(".", 1)[-1] if m else rule_id.rsplit(".", 1)[-1]
    raw = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", raw)
    name = re.sub(r"[^A-Za-z0-9]+", "_", raw).strip("_").upper()
    if not name or name[0].isdigit():
        name = "SECRET_" + name
    return name


def _literal_span(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """The whole string literal (quotes included) that holds [start, end)."""
    if doc.has_tree:
        node = doc.tree.root_node.descendant_for_byte_range(start, max(start, end - 1))
        while node is not None:
            if node.type in STRING_NODES:
                # Python's implicit concatenation nests strings; take the outermost literal
                parent = node.parent
                while parent is not None and parent.type in STRING_NODES:
                    node, parent = parent, parent.parent
                return node.start_byte, node.end_byte
            node = node.parent
    data = doc.data
    s, e = start, end
    if s > 0 and e < len(data) and chr(data[s - 1]) in _QUOTES and data[e : e + 1] == data[s - 1 : s]:
        return s - 1, e + 1
    if s < len(data) and chr(data[s]) in _QUOTES and e > s and data[e - 1 : e] == data[s : s + 1]:
        return s, e
    return None


def env_var_edits(view: TextView, language: str, start: int, end: int, rule_id: str) -> tuple[str, list[Edit]] | None:
    """Replace a secret literal by an environment variable lookup in the language's idiom,
    importing `os` where the language needs it. (name, edits) or None."""
    template = ENV_LOOKUP.get(language)
    if template is None:
        return None
    doc = Document(view.path, view.data, language)
    span = _literal_span(doc, start, end)
    if span is None:
        return None
    s, e = span
    line_start = view.starts[view.line_of(s)]
    before = view.data[line_start:s].decode("utf-8", "surrogateescape")
    # a prefixed Python literal (b"...", r"...") starts at the prefix
    name = env_var_name(re.sub(r"\b[rRbBuUfF]{1,2}$", "", before), rule_id)
    edits = [Edit(s, e, template.format(name=name))]
    imp = _import_os(doc, language)
    if imp is not None:
        edits.append(imp)
    return name, edits


_PY_HAS_OS = re.compile(rb"^\s*import\s+(?:[\w.]+\s*,\s*)*os\b(?!\.)", re.MULTILINE)
_GO_HAS_OS = re.compile(rb'^\s*(?:import\s+)?"os"\s*$', re.MULTILINE)


def _import_os(doc: Document, language: str) -> Edit | None:
    data = doc.data
    if language == "python":
        if _PY_HAS_OS.search(data):
            return None
        at = 0
        if doc.has_tree:
            for child in doc.tree.root_node.children:
                if child.type == "comment" or child.type == "future_import_statement" or (
                    child.type == "expression_statement" and child.child_count == 1
                    and child.children[0].type == "string" and child.start_byte == _first_code(doc)
                ):
                    at = _after_line(data, child.end_byte)
                    continue
                break
        return Edit(at, at, "import os\n")
    if language == "go":
        if _GO_HAS_OS.search(data):
            return None
        m = re.search(rb"^import\s*\(\s*\n", data, re.MULTILINE)
        if m:
            return Edit(m.end(), m.end(), '\t"os"\n')
        m = re.search(rb"^package\s+\w+[^\n]*\n", data, re.MULTILINE)
        at = m.end() if m else 0
        return Edit(at, at, '\nimport "os"\n')
    return None


def _first_code(doc: Document) -> int:
    for child in doc.tree.root_node.children:
        if child.type != "comment":
            return child.start_byte
    return 0


def _after_line(data: bytes, offset: int) -> int:
    nl = data.find(b"\n", offset)
    return len(data) if nl < 0 else nl + 1
