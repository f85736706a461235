"""Regular expressions compiled on first use.

A rule set holds hundreds of patterns, and `re.compile` is pure Python: compiling
them all would cost the CLI and the commit hook a noticeable part of their start-up
for patterns that most files never need.
"""

from __future__ import annotations

import re
from typing import Any

from railguard.model import RailguardError


class LazyPattern:
    __slots__ = ("source", "flags", "_compiled", "owner")

    def __init__(self, source: str, flags: int = 0, owner: str = "") -> None:
        self.source = source
        self.flags = flags
        self.owner = owner  # "file: rule id: field", for the error message
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            try:
                self._compiled = re.compile(self.source, self.flags)
            except re.error as exc:
                where = f"{self.owner}: " if self.owner else ""
                raise RailguardError(f"{where}invalid regular expression {self.source!r}: {exc}") from None
        return self._compiled

    def search(self, text: str, *args: Any) -> re.Match[str] | None:
        return self.compiled.search(text, *args)

    def match(self, text: str, *args: Any) -> re.Match[str] | None:
        return self.compiled.match(text, *args)

    def finditer(self, text: str, *args: Any):
        return self.compiled.finditer(text, *args)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.compiled.sub(repl, text, count)

    @property
    def groupindex(self):
        return self.compiled.groupindex

    @property
    def pattern(self) -> str:
        return self.source

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyPattern) and (self.source, self.flags) == (other.source, other.flags)

    def __hash__(self) -> int:
        return hash((self.source, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.source!r})"
