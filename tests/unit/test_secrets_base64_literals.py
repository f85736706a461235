"""The base64 literals the secrets analyzer decodes are found by a pattern that matches the quote
before them instead of looking behind for it (which tried every position of a file): the same
literals, at the same places."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from railguard.engine.secrets import evasions

_LOOKBEHIND_BASE64 = re.compile(rb"(?<=[\"'])[A-Za-z0-9+/]{24,400}={0,2}(?=[\"'])")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(['"', "'", "QUtJQ", "A" * 20, "=", "==", "/", "+", " ", "x", "\n"]), max_size=20)
       .map("".join))
def test_base64_literals_are_those_a_look_behind_found(text):
    data = text.encode()
    assert [m.span(1) for m in evasions._BASE64.finditer(data)] == \
        [m.span() for m in _LOOKBEHIND_BASE64.finditer(data)]
