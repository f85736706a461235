"""A tolerant, data-only JSON reader that keeps where every key and value is.

Agent and editor settings are JSON with comments (`//`, `/* */`) and trailing
commas (VS Code's JSONC). The reader accepts both, never evaluates anything,
and, for JSON5 files (`package.json5`), also unquoted keys and single-quoted strings,
and records the character span of every key and value so that a finding can
point at the offending key. Duplicate keys keep the last value, like editors do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 200


class JsoncError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass
class JValue:
    value: Any  # str, int, float, bool, None for scalars; dict/list of JValue for containers
    start: int
    end: int
    # object members in order: key -> (key start, key end, value)
    members: dict[str, tuple[int, int, JValue]] = field(default_factory=dict)
    items: list[JValue] = field(default_factory=list)

    @property
    def is_object(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_array(self) -> bool:
        return isinstance(self.value, list)

    def get(self, key: str) -> JValue | None:
        member = self.members.get(key)
        return member[2] if member else None


    def path(self, *keys: str) -> JValue | None:
        node: JValue | None = self
        for key in keys:
            if node is None or not node.is_object:
                return None
            node = node.get(key)
        return node

    def plain(self) -> Any:
        if self.is_object:
            return {k: m[2].plain() for k, m in self.members.items()}
        if self.is_array:
            return [i.plain() for i in self.items]
        return self.value


_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_NUMBER_CHARS = set("+-0123456789.eE")


_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")


class _Reader:
    def __init__(self, text: str, json5: bool = False) -> None:
        self.text = text
        self.i = 0
        self.n = len(text)
        self.json5 = json5

    def skip(self) -> None:
        text, n = self.text, self.n
        while self.i < n:
            c = text[self.i]
            if c in " \t\r\n\ufeff":
                self.i += 1
            elif text.startswith("//", self.i):
                j = text.find("\n", self.i)
                self.i = n if j < 0 else j + 1
            elif text.startswith("/*", self.i):
                j = text.find("*/", self.i + 2)
                if j < 0:
                    raise JsoncError("unterminated /* comment", self.i)
                self.i = j + 2
            else:
                return

    def value(self, depth: int) -> JValue:
        if depth > MAX_DEPTH:
            raise JsoncError("nested too deeply", self.i)
        self.skip()
        if self.i >= self.n:
            raise JsoncError("unexpected end of input", self.i)
        c = self.text[self.i]
        if c == "{":
            return self.obj(depth)
        if c == "[":
            return self.arr(depth)
        if c == '"' or c == "'" and self.json5:
            start = self.i
            s = self.string()
            return JValue(s, start, self.i)
        return self.scalar()

    def obj(self, depth: int) -> JValue:
        start = self.i
        self.i += 1
        members: dict[str, tuple[int, int, JValue]] = {}
        while True:
            self.skip()
            if self.i >= self.n:
                raise JsoncError("unterminated object", start)
            if self.text[self.i] == "}":
                self.i += 1
                break
            kstart = self.i
            bare = _IDENTIFIER.match(self.text, self.i) if self.json5 else None
            if bare is not None:  # JSON5: `fastdom: "1.0.11"` (the span then has no quotes to strip)
                key = bare.group(0)
                self.i = bare.end()
            elif self.text[self.i] == '"' or self.text[self.i] == "'" and self.json5:
                key = self.string()
            else:
                raise JsoncError("expected a quoted key", self.i)
            kend = self.i
            self.skip()
            if self.i >= self.n or self.text[self.i] != ":":
                raise JsoncError(f"expected ':' after key {key!r}", self.i)
            self.i += 1
            members[key] = (kstart, kend, self.value(depth + 1))
            self.skip()
            if self.i < self.n and self.text[self.i] == ",":
                self.i += 1
            elif self.i < self.n and self.text[self.i] != "}":
                raise JsoncError("expected ',' or '}'", self.i)
        node = JValue({}, start, self.i, members=members)
        node.value = {k: m[2] for k, m in members.items()}
        return node

    def arr(self, depth: int) -> JValue:
        start = self.i
        self.i += 1
        items: list[JValue] = []
        while True:
            self.skip()
            if self.i >= self.n:
                raise JsoncError("unterminated array", start)
            if self.text[self.i] == "]":
                self.i += 1
                break
            items.append(self.value(depth + 1))
            self.skip()
            if self.i < self.n and self.text[self.i] == ",":
                self.i += 1
            elif self.i < self.n and self.text[self.i] != "]":
                raise JsoncError("expected ',' or ']'", self.i)
        return JValue(list(items), start, self.i, items=items)

    def string(self) -> str:
        text = self.text
        start = self.i
        quote = text[start]
        stops = quote + "\\\n"
        self.i += 1
        out: list[str] = []
        while True:
            j = self.i
            while j < self.n and text[j] not in stops:
                j += 1
            out.append(text[self.i : j])
            if j >= self.n or text[j] == "\n":
                raise JsoncError("unterminated string", start)
            if text[j] == quote:
                self.i = j + 1
                return "".join(out)
            esc = text[j + 1 : j + 2]
            if esc == "u":
                digits = text[j + 2 : j + 6]
                try:
                    out.append(chr(int(digits, 16)))
                except ValueError:
                    raise JsoncError("bad \\u escape", j) from None
                self.i = j + 6
            elif esc in _ESCAPES or esc == "'" and self.json5:
                out.append(_ESCAPES.get(esc, esc))
                self.i = j + 2
            else:
                raise JsoncError("bad escape", j)

    def scalar(self) -> JValue:
        start = self.i
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.i):
                self.i += len(word)
                return JValue(val, start, self.i)
        j = self.i
        while j < self.n and self.text[j] in _NUMBER_CHARS:
            j += 1
        raw = self.text[self.i : j]
        if not raw:
            raise JsoncError(f"unexpected character {self.text[self.i]!r}", self.i)
        try:
            num: Any = int(raw)
        except ValueError:
            try:
                num = float(raw)
            except ValueError:
                raise JsoncError(f"bad number {raw!r}", self.i) from None
        self.i = j
        return JValue(num, start, j)


def parse_jsonc(text: str, json5: bool = False) -> JValue:
    """Parse JSON with comments and trailing commas (with `json5`, also unquoted keys and
    single-quoted strings). Raises JsoncError with the offset."""
    reader = _Reader(text, json5)
    root = reader.value(0)
    reader.skip()
    if reader.i < reader.n:
        raise JsoncError("extra content after the JSON value", reader.i)
    return root
