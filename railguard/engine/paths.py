"""Path patterns in gitignore syntax (excludes, a rule's `paths`), matched on POSIX paths."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


class PathFilter:
    """Gitignore-style patterns; `!pattern` re-includes. matches() is True when the path is selected.

    The patterns are compiled on first use: a rule set has many path-scoped rules and
    most scans never ask about most of them."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns
        self._tails = _literal_tails(patterns)
        lines = [p.strip() for p in patterns if p.strip() and not p.strip().startswith("#")]
        self._includes = [_fragments(p) for p in lines if not p.startswith("!")]
        self._excludes = [_fragments(p[1:]) for p in lines if p.startswith("!")]
        self._include_all = any(p in ("*", "**", "**/*", "/**") for p in lines)

    @classmethod
    def from_patterns(cls, patterns: Iterable[str]) -> PathFilter:
        return cls(tuple(patterns))

    def matches(self, path: str) -> bool:
        if not self.patterns:
            return False
        p = path.replace("\\", "/")
        while p.startswith("./"):
            p = p[2:]
        if self._tails is not None:
            # a pattern's last part names the file or one of its folders
            parts = p.split("/")
            if not any(part == t or (t.startswith("*") and part.endswith(t[1:])) for t in self._tails for part in parts):
                return False  # no pattern can match this path: skip compiling the spec
        # every literal part of a pattern must occur in a path it matches
        if not any(all(f in p for f in frags) for frags in self._includes):
            return False
        if self._include_all and not any(all(f in p for f in frags) for frags in self._excludes):
            return True  # `*` with exceptions, none of which can apply
        return _compile(self.patterns).match_file(p)

    def __bool__(self) -> bool:
        return bool(self.patterns)


_GLOB = set("*?[]")
_BRACKET = re.compile(r"\[[^\]]*\]")
_SPLIT = re.compile(r"[*?/\\]+")


def _fragments(pattern: str) -> tuple[str, ...]:
    """The literal pieces of a gitignore pattern (between globs, slashes and escapes)."""
    return tuple(f for f in _SPLIT.split(_BRACKET.sub("*", pattern)) if f)


def _literal_tails(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """The file-name parts of include-only patterns whose last component is a literal name or
    `*.suffix`; None when some pattern could match other names (then always ask the spec)."""
    tails = []
    for pat in patterns:
        pat = pat.strip()
        if not pat or pat.startswith("#"):
            continue
        if pat.startswith("!") or pat.endswith("/"):
            return None
        last = pat.rsplit("/", 1)[-1]
        rest = last[1:] if last.startswith("*") else last
        if not last or any(c in _GLOB for c in rest) or last == "*" or last == "**":
            return None
        tails.append(last)
    return tuple(tails)


@lru_cache(maxsize=1024)
def _compile(patterns: tuple[str, ...]):
    import pathspec  # ~20 ms to import: only when a pattern is first used

    return pathspec.GitIgnoreSpec.from_lines(patterns)
