"""Conversions between the engine's types and lsprotocol's. No decisions are made here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types

from railguard.engine.policy import message_with_cwe
from railguard.lsp_server.buffer import TextView
from railguard.model import Finding, Location, Notice, Rule, Severity

SOURCE = "railguard"

SEVERITY = {
    Severity.CRITICAL: types.DiagnosticSeverity.Error,
    Severity.HIGH: types.DiagnosticSeverity.Error,
    Severity.MEDIUM: types.DiagnosticSeverity.Warning,
    Severity.LOW: types.DiagnosticSeverity.Information,
    Severity.INFO: types.DiagnosticSeverity.Hint,
}

NOTICE_LEVEL = {"error": types.MessageType.Error, "warning": types.MessageType.Warning,
                "skipped": types.MessageType.Info}


def uri_to_path(uri: str) -> Path | None:
    """The file system path of a file: URI, or None for any other or a malformed URI."""
    try:
        parsed = urlparse(uri)
    except ValueError:
        return None
    if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
        return None
    path = unquote(parsed.path)
    if not path.startswith("/") or "\0" in path:
        return None
    return Path(path)


def path_to_uri(path: Path) -> str:
    return path.resolve().as_uri()


def lsp_range(buffer: TextView, start_byte: int, end_byte: int) -> types.Range:
    sl, sc = buffer.position_at(start_byte)
    el, ec = buffer.position_at(end_byte)
    return types.Range(types.Position(sl, sc), types.Position(el, ec))


def range_list(r: types.Range) -> list[int]:
    return [r.start.line, r.start.character, r.end.line, r.end.character]


def range_from_list(v: Any) -> types.Range | None:
    if not (isinstance(v, list) and len(v) == 4 and all(isinstance(i, int) and i >= 0 for i in v)):
        return None
    return types.Range(types.Position(v[0], v[1]), types.Position(v[2], v[3]))


def message_of(finding: Finding) -> str:
    return message_with_cwe(finding)


def docs_href(base: str, rule_id: str) -> str | None:
    """The docs page of a rule: `{rule}` in the base is replaced, else the id is appended."""
    if not base:
        return None
    return base.replace("{rule}", rule_id) if "{rule}" in base else f"{base.rstrip('/')}/{rule_id}"


def _related_location(loc: Location, buffer: TextView, root: Path) -> types.DiagnosticRelatedInformation:
    if loc.path == buffer.path:
        uri = buffer.uri
        rng = lsp_range(buffer, loc.range.start_byte, loc.range.end_byte)
    else:
        p = Path(loc.path)
        uri = path_to_uri(p if p.is_absolute() else root / p)
        # another file: its text is not at hand, code points are the best guess for columns
        rng = types.Range(types.Position(loc.range.start.line, loc.range.start.column),
                          types.Position(loc.range.end.line, loc.range.end.column))
    return types.DiagnosticRelatedInformation(types.Location(uri, rng), loc.message or "related location")


@dataclass(frozen=True)
class DiagnosticSupport:
    """What the client said it understands in a diagnostic."""

    code_description: bool = False
    related_information: bool = False

    @classmethod
    def of(cls, caps: types.ClientCapabilities, pull: bool) -> DiagnosticSupport:
        td = caps.text_document
        c = (td.diagnostic if pull else td.publish_diagnostics) if td else None
        if c is None:
            return cls()
        return cls(bool(c.code_description_support), bool(c.related_information))


def diagnostic(finding: Finding, buffer: TextView, version: int, root: Path, docs_url: str = "",
               support: DiagnosticSupport = DiagnosticSupport(True, True)) -> types.Diagnostic:
    """One finding as a Diagnostic. `data` holds what code actions need, so they never re-scan."""
    r = finding.range
    rng = lsp_range(buffer, r.start_byte, r.end_byte)
    data: dict[str, Any] = {
        "rule": finding.rule_id,
        "fp": finding.fingerprint,
        "v": version,
        "secret": finding.analyzer == "secrets" or bool(finding.evidence and finding.evidence.redacted),
        "bytes": [r.start_byte, r.end_byte],
    }
    if finding.fix is not None:
        data["fix"] = {
            "title": finding.fix.description,
            "safe": finding.fix.safe,
            "edits": [[*range_list(lsp_range(buffer, e.range.start_byte, e.range.end_byte)), e.new_text]
                      for e in finding.fix.edits],
        }
    href = docs_href(docs_url, finding.rule_id) if support.code_description else None
    related = support.related_information and finding.related
    return types.Diagnostic(
        range=rng,
        message=message_of(finding),
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule_id,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=[_related_location(loc, buffer, root) for loc in finding.related] if related else None,
        data=data,
    )


def text_edit(buffer: TextView, start_byte: int, end_byte: int, new_text: str) -> types.TextEdit:
    return types.TextEdit(lsp_range(buffer, start_byte, end_byte), new_text)


def workspace_edit(uri: str, version: int, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(document_changes=[
        types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits)
    ])


def hover_markdown(rule: Rule) -> str:
    head = f"**railguard** `{rule.id}` · {rule.severity.label} severity, {rule.confidence.label} confidence"
    if rule.cwe:
        head += " · " + ", ".join(rule.cwe_labels)
    docs = rule.docs.markdown(rule.title)
    return f"{head}\n\n{docs}" if docs else f"{head}\n\n{rule.message}"


def log_params(notice: Notice) -> types.LogMessageParams:
    return types.LogMessageParams(NOTICE_LEVEL.get(notice.kind, types.MessageType.Info), f"railguard: {notice.line()}")


