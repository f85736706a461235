"""Agent configuration: Claude Code and editor settings that approve agent actions, Codex's
sandbox, MCP server definitions, and project configuration that switches railguard off.

Settings files are read as data (a tolerant JSONC reader, tomllib), never executed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from railguard.engine import guardrail
from railguard.engine.ai import agents
from railguard.engine.ai.common import CharToByte, Family, Hit
from railguard.engine.ai.jsonc import JsoncError, JValue, parse_jsonc
from railguard.engine.paths import PathFilter
from railguard.model import Notice

if TYPE_CHECKING:
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document

MCP_FILES = (
    ".mcp.json", "mcp.json", "claude_desktop_config.json", ".claude.json", "mcp_config.json",
    "cline_mcp_settings.json", "mcp_settings.json", ".gemini/settings.json", ".vscode/settings.json",
    "*.code-workspace",
)
CLAUDE_SETTINGS = (".claude/settings.json", ".claude/settings.local.json", "managed-settings.json")
EDITOR_SETTINGS = (".vscode/settings.json", "*.code-workspace")
CODEX_CONFIG = (".codex/config.toml",)
RAILGUARD_CONFIG = ("pyproject.toml", ".railguard.toml")


class AgentConfig:
    families: Mapping[str, Family] = {
        "claude-settings": Family(("claude-bypass-permissions", "claude-broad-allow", "claude-auto-approve-mcp"),
                                  PathFilter.from_patterns(CLAUDE_SETTINGS)),
        "editor-settings": Family(("editor-auto-approve",), PathFilter.from_patterns(EDITOR_SETTINGS)),
        "codex-config": Family(("codex-full-access",), PathFilter.from_patterns(CODEX_CONFIG)),
        "mcp": Family(("mcp-plaintext-secret", "mcp-unpinned-package", "mcp-plain-http", "mcp-broad-filesystem"),
                      PathFilter.from_patterns(MCP_FILES)),
        "railguard-config": Family((guardrail.DETECTOR,), PathFilter.from_patterns(RAILGUARD_CONFIG)),
    }

    def hits(self, family: str, doc: Document, context: ScanContext) -> Iterator[Hit]:
        if family in ("claude-settings", "editor-settings", "mcp"):
            root = _json(doc, context)
            if root is None or not root.is_object:
                return
            if family == "claude-settings":
                yield from agents.claude_settings_hits(root)
            elif family == "editor-settings":
                yield from agents.vscode_settings_hits(root)
            else:
                yield from agents.mcp_hits(root)
        elif family == "codex-config":
            data = _toml(doc.text)
            if data is not None:
                yield from agents.codex_config_hits(doc.text, data)
        elif family == "railguard-config":
            if "railguard" in doc.text or doc.path.endswith(".railguard.toml"):
                yield from guardrail.weakening_hits(doc.path, doc.text)


def _json(doc: Document, context: ScanContext) -> JValue | None:
    try:
        return parse_jsonc(doc.text)
    except JsoncError as exc:
        pos = doc.position_at(CharToByte(doc.text)(exc.offset))
        context.notices.append(Notice(doc.path, f"ai analyzer: cannot read as JSON: {exc} at line "
                                      f"{pos.line + 1}, column {pos.column + 1}", "warning"))
        return None


def _toml(text: str) -> dict | None:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
