"""Path patterns in gitignore syntax (excludes, a rule's `paths`), matched on POSIX paths."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pathspec


class PathFilter:
    """Gitignore-style patterns; `!pattern` re-includes. matches() is True when the path is selected."""

    def __init__(self, spec: pathspec.PathSpec, patterns: tuple[str, ...]) -> None:
        self._spec = spec
        self.patterns = patterns

    @classmethod
    def from_patterns(cls, patterns: Iterable[str]) -> PathFilter:
        patterns = tuple(patterns)
        return cls(_compile(patterns), patterns)

    def matches(self, path: str) -> bool:
        if not self.patterns:
            return False
        p = path.replace("\\", "/")
        while p.startswith("./"):
            p = p[2:]
        return self._spec.match_file(p)

    def __bool__(self) -> bool:
        return bool(self.patterns)


@lru_cache(maxsize=256)
def _compile(patterns: tuple[str, ...]) -> pathspec.PathSpec:
    return pathspec.PathSpec.from_lines("gitwildmatch", patterns)
