"""The uses of an aliased module name that the canonical program rewrites are found with
bytes.find, as the word-bounded regex found them (that regex tries every position of a file)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.engine.canonical import alias_spans

ALIASES = ["_os", "np", "npx", "é_sys"]


def by_regex(data: bytes, aliases: list[str]) -> list[tuple[int, int]]:
    words = re.compile(rb"(?<![A-Za-z0-9_\x80-\xff])(?:" + b"|".join(re.escape(a.encode()) for a in aliases)
                       + rb")(?![A-Za-z0-9_\x80-\xff])")
    return [m.span() for m in words.finditer(data)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["_os", "os", "np", "npx", "x", "_", "é", " ", ".", "(", "\n", "é_sys", "9", "_sys"]),
                max_size=20).map("".join),
       st.lists(st.sampled_from(ALIASES), min_size=1, max_size=4, unique=True))
def test_alias_uses_are_the_whole_words_the_regex_found(text, aliases):
    data = text.encode("utf-8")
    assert sorted(set(alias_spans(data, aliases))) == sorted(set(by_regex(data, aliases)))
