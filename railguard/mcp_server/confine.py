"""Workspace confinement for the MCP tools: every path an agent names must stay inside the
workspace roots (the client's roots, else the server's working directory).

A path is refused when it has a `..` part, is absolute and outside every root, or resolves
(symbolic links followed) to a place outside every root. Refusals are `PathRefused`, which
the server turns into a tool error; the message names the path as given, never a file's text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import unquote, urlparse

from railguard.model import RailguardError

MAX_PATH_CHARS = 4096


class PathRefused(RailguardError):
    """A path an agent named is outside the workspace or not a path at all."""


def roots_from_uris(uris: Iterable[str]) -> tuple[Path, ...]:
    """Local folders of `file://` root URIs (others are ignored), resolved, duplicates dropped."""
    out: list[Path] = []
    for uri in uris:
        parsed = urlparse(str(uri))
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            continue
        folder = Path(unquote(parsed.path)).resolve()
        if folder.is_dir() and folder not in out:
            out.append(folder)
    return tuple(out)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


@dataclass(frozen=True)
class Workspace:
    """The folders the server may read. `roots[0]` anchors relative paths."""

    roots: tuple[Path, ...]

    @classmethod
    def of(cls, roots: Sequence[Path]) -> Workspace:
        resolved = tuple(dict.fromkeys(Path(r).resolve() for r in roots))
        if not resolved:
            raise PathRefused("no workspace root")
        return cls(resolved)

    def lexical(self, raw: object) -> Path:
        """The path as named (no symbolic links followed): absolute, no `..`, inside a root."""
        if not isinstance(raw, str) or not raw.strip():
            raise PathRefused("a path must be a non-empty string")
        if len(raw) > MAX_PATH_CHARS:
            raise PathRefused(f"a path of {len(raw):,} characters is over the limit of {MAX_PATH_CHARS:,}")
        if "\0" in raw:
            raise PathRefused(f"{raw!r}: a path cannot hold a NUL character")
        if ".." in PurePosixPath(raw).parts or ".." in PureWindowsPath(raw).parts:
            raise PathRefused(f"{raw}: '..' is not allowed in a path; name it from the workspace root")
        p = Path(os.path.expanduser(raw)) if raw.startswith("~") else Path(raw)
        p = Path(os.path.normpath(p if p.is_absolute() else self.roots[0] / p))
        if not any(_inside(p, r) for r in self.roots):
            raise PathRefused(f"{raw}: outside the workspace roots ({', '.join(str(r) for r in self.roots)})")
        return p

    def resolve(self, raw: object) -> Path:
        """A path to read: `lexical`, then every symbolic link followed must still end inside a root."""
        p = self.lexical(raw)
        real = p.resolve()
        if not any(_inside(real, r) for r in self.roots):
            raise PathRefused(f"{raw}: a symbolic link leads outside the workspace roots")
        return real

    def contains(self, path: Path) -> bool:
        """True when a file found by a walk resolves inside a root (links followed)."""
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a loop of links
            return False
        return any(_inside(real, r) for r in self.roots)
