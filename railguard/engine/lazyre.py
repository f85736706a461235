"""Regular expressions compiled on first use.

A rule set holds hundreds of patterns, and `re.compile` is pure Python: compiling
them all would cost the CLI and the commit hook a noticeable part of their start-up
for patterns that most files never need. The same holds for the taint model's patterns
and for the module constants of the taint, secrets and policy code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


# the matching methods a LazyPattern hands on to its compiled pattern
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub")


class LazyPattern:
    """A regular expression compiled on first use (a module's constant, a rule's or a model's pattern).

    The first call of a matching method compiles it and binds the compiled pattern's own methods in
    its place: after that a call costs what it costs on a compiled pattern."""

    __slots__ = ("source", "flags", "_compiled", "owner", "linear", *_METHODS)
    search: Callable[..., Any]
    match: Callable[..., Any]
    fullmatch: Callable[..., Any]
    finditer: Callable[..., Any]
    findall: Callable[..., Any]
    split: Callable[..., Any]
    sub: Callable[..., Any]

    def __init__(self, source: Any, flags: int = 0, owner: str = "", linear: bool = False) -> None:
        self.source = source  # str, or bytes for a pattern over bytes
        self.flags = flags
        self.owner = owner  # "file: rule id: field", for the error message
        self.linear = linear  # from outside railguard: RE2 only
        self._compiled: re.Pattern[Any] | None = None

    @property
    def compiled(self) -> re.Pattern[Any]:
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

    def __getattr__(self, name: str) -> Any:
        """Only for a slot not set yet: a matching method before the first use."""
        if name not in _METHODS:
            raise AttributeError(f"'LazyPattern' object has no attribute {name!r}")
        compiled = self.compiled
        for method in _METHODS:
            bound = getattr(compiled, method, None)  # RE2's patterns may lack one
            if bound is not None:
                setattr(self, method, bound)
        return getattr(compiled, name)

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
