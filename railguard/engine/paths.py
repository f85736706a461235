"""Path patterns in gitignore syntax (excludes, a rule's `paths`), matched on POSIX paths."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


class PathFilter:
    """Gitignore-style patterns; `!pattern` re-includes. matches() is True when the path is selected.

    The patterns are compiled on first use: a rule set has many path-scoped rules and
    most scans never ask about most of them."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns

    @classmethod
    def from_patterns(cls, patterns: Iterable[str]) -> PathFilter:
        return cls(tuple(patterns))

    def matches(self, path: str) -> bool:
        if not self.patterns:
            return False
        p = path.replace("\\", "/")
        while p.startswith("./"):
            p = p[2:]
        return _compile(self.patterns).match_file(p)

    def __bool__(self) -> bool:
        return bool(self.patterns)


@lru_cache(maxsize=1024)
def _compile(patterns: tuple[str, ...]):
    import pathspec  # ~20 ms to import: only when a pattern is first used

    return pathspec.GitIgnoreSpec.from_lines(patterns)
