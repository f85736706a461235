"""Regular expressions compiled on first use.

A rule set holds hundreds of patterns, and `re.compile` is pure Python: compiling
them all would cost the CLI and the commit hook a noticeable part of their start-up
for patterns that most files never need.
"""

from __future__ import annotations

import re
from typing import Any

from railguard.model import RailguardError

_RE2_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


def compile_linear(source: str, flags: int = 0, owner: str = "") -> Any:
    """A pattern from outside railguard (a repository's rule pack or config) compiled with RE2:
    matching takes time linear in the text, so no pattern can hang a scan (ReDoS). RE2 has no
    backreferences or lookaround; such a pattern is refused with a message naming its owner."""
    import re2  # type: ignore[import-not-found]  # google-re2, a dependency

    where = f"{owner}: " if owner else ""
    if flags & ~(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE):
        raise RailguardError(f"{where}regular expression flags other than ignorecase, multiline and dotall "
                             "are not available for a repository's patterns")
    inline = "".join(letter for flag, letter in _RE2_FLAGS if flags & flag)
    options = re2_options()
    try:
        return re2.compile(f"(?{inline}){source}" if inline else source, options)
    except Exception as exc:  # re2.error: unsupported syntax (backreferences, lookaround) or invalid
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
        raise RailguardError(f"{where}invalid regular expression {source!r} for RE2: {detail} (patterns from "
                             "outside railguard run on RE2, in linear time: no backreferences or lookaround)") from None


def re2_options() -> Any:
    """RE2's options for railguard's patterns: bounded memory, errors raised rather than logged."""
    import re2  # type: ignore[import-not-found]  # google-re2, a dependency

    options = re2.Options()
    options.max_mem = 64 << 20
    options.log_errors = False
    return options


class LazyPattern:
    __slots__ = ("source", "flags", "_compiled", "owner", "linear")

    def __init__(self, source: str, flags: int = 0, owner: str = "", linear: bool = False) -> None:
        self.source = source
        self.flags = flags
        self.owner = owner  # "file: rule id: field", for the error message
        self.linear = linear  # from outside railguard: RE2 only
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            if self.linear:
                self._compiled = compile_linear(self.source, self.flags, self.owner)
                return self._compiled  # type: ignore[return-value]
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
