"""Which language a file is, and the tree-sitter grammar for it (loaded lazily)."""

from __future__ import annotations

import importlib
import os
import re
from functools import cache
from typing import TYPE_CHECKING

from railguard.model import RailguardError

if TYPE_CHECKING:
    from tree_sitter import Language

# language name -> (grammar module, function in that module)
GRAMMARS: dict[str, tuple[str, str]] = {
    "python": ("tree_sitter_python", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "java": ("tree_sitter_java", "language"),
    "go": ("tree_sitter_go", "language"),
}

# Rules written for "javascript" also run on TypeScript and TSX: the grammars
# share their node names for everything the rules look at.
LANGUAGE_FAMILY: dict[str, tuple[str, ...]] = {
    "typescript": ("typescript", "javascript"),
    "tsx": ("tsx", "typescript", "javascript"),
    "javascript": ("javascript",),
}

EXTENSIONS: dict[str, str] = {
    ".py": "python",
    ".pyi": "python",
    ".pyw": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    # code embedded in another format: the parser sees only the code (engine/embedded.py)
    ".ipynb": "python",
    ".vue": "typescript",
    ".svelte": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".java": "java",
    ".go": "go",
    # text-only languages: no grammar, text and secrets analyzers only
    ".json": "json",
    ".jsonc": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".toml": "toml",
    ".ini": "ini",
    ".cfg": "ini",
    ".env": "dotenv",
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".md": "markdown",
    ".mdc": "markdown",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "xml",
    ".properties": "properties",
    ".tf": "terraform",
    ".rb": "ruby",
    ".php": "php",
    ".rs": "rust",
    ".c": "c",
    ".h": "c",
    ".cpp": "cpp",
    ".cs": "csharp",
    ".kt": "kotlin",
    ".swift": "swift",
}

FILENAMES: dict[str, str] = {
    "Dockerfile": "dockerfile",
    "Containerfile": "dockerfile",
    "Makefile": "makefile",
    "GNUmakefile": "makefile",
    "makefile": "makefile",
    "Jenkinsfile": "groovy",
    ".env": "dotenv",
    ".cursorrules": "markdown",
    ".windsurfrules": "markdown",
    ".clinerules": "markdown",
    ".npmrc": "ini",
    ".pypirc": "ini",
    ".netrc": "text",
    ".bashrc": "shell",
    ".zshrc": "shell",
    ".profile": "shell",
    "Pipfile": "toml",
}

_SHEBANG = re.compile(rb"^#!\s*(?:/usr/bin/env\s+(?:-S\s+)?)?\S*?([A-Za-z]+)[\d.]*\b")
_SHEBANG_LANGUAGES = {
    "python": "python",
    "node": "javascript",
    "deno": "typescript",
    "bash": "shell",
    "sh": "shell",
    "zsh": "shell",
    "dash": "shell",
}


def detect_language(path: str, head: bytes = b"") -> str:
    """Language of a file from its name, extension, or shebang. "text" when unknown."""
    name = os.path.basename(path)
    if name in FILENAMES:
        return FILENAMES[name]
    if name.startswith(".env.") or name.endswith(".env"):
        return "dotenv"
    if name.startswith("Dockerfile.") or name.endswith(".dockerfile"):
        return "dockerfile"
    _, ext = os.path.splitext(name)
    lang = EXTENSIONS.get(ext.lower())
    if lang:
        return lang
    if head.startswith(b"#!"):
        m = _SHEBANG.match(head[:128])
        if m:
            return _SHEBANG_LANGUAGES.get(m.group(1).decode("ascii", "replace"), "text")
    return "text"


def has_grammar(language: str) -> bool:
    return language in GRAMMARS


def rule_languages_for(language: str) -> tuple[str, ...]:
    """The rule languages that apply to a document of this language."""
    return LANGUAGE_FAMILY.get(language, (language,))


@cache
def get_language(language: str) -> Language:
    """The tree-sitter Language for a name. Raises RailguardError if the grammar is missing."""
    from tree_sitter import Language

    try:
        module_name, func = GRAMMARS[language]
    except KeyError:
        raise RailguardError(f"no tree-sitter grammar for language {language!r}") from None
    try:
        module = importlib.import_module(module_name)
        return Language(getattr(module, func)())
    except Exception as exc:  # ImportError, ABI mismatch, a broken wheel
        raise RailguardError(
            f"cannot load the tree-sitter grammar for {language} ({module_name}): {exc}; "
            f"reinstall it with `pip install --force-reinstall {module_name.replace('_', '-')}`"
        ) from exc


@cache
def get_parser(language: str):
    from tree_sitter import Parser

    return Parser(get_language(language))


# Comment syntax per language, for suppressions and the "suppress" quick fix.
LINE_COMMENT: dict[str, str] = {
    "python": "#",
    "javascript": "//",
    "typescript": "//",
    "tsx": "//",
    "java": "//",
    "go": "//",
    "yaml": "#",
    "toml": "#",
    "ini": "#",
    "dotenv": "#",
    "shell": "#",
    "dockerfile": "#",
    "makefile": "#",
    "ruby": "#",
    "php": "//",
    "rust": "//",
    "c": "//",
    "cpp": "//",
    "csharp": "//",
    "kotlin": "//",
    "swift": "//",
    "groovy": "//",
    "terraform": "#",
    "properties": "#",
}
