"""How far an editor's re-scan of one function looks per rule, and the literal prefilter."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from railguard.config import default_config
from railguard.engine.analyzers import query_literals
from railguard.engine.analyzers.query_literals import (
    leading_literals,
    may_match,
    required_literals,
    search_start,
)
from railguard.engine.analyzers.query_reach import (
    Reach,
    holders,
    pattern_roots,
    skeleton_windows,
)
from railguard.engine.document import Document
from railguard.engine.engine import Engine

ENGINE = Engine(default_config())


def test_pattern_roots_of_plain_patterns_and_alternations():
    assert pattern_roots("(call function: (identifier) @f) @match") == {"call"}
    assert pattern_roots('[(string) @s (call arguments: (argument_list "(" @p))] @match') == {"string", "call"}
    assert pattern_roots("; a comment\n(class_definition name: (identifier) @c)") == {"class_definition"}


@pytest.mark.parametrize(("rule_id", "reach"), [
    ("python.trust-remote-code", Reach.NODE),  # a call: inside the function it starts in
    ("python.password-in-url", Reach.SKELETON),  # reads the enclosing scope
    ("python.password-hash-serialised", Reach.ENCLOSING),  # rooted at a class
    ("python.django-debug-true", Reach.FILE),  # rooted at the module, reads the whole file (a local settings import)
    ("python.seeded-random-for-secret", Reach.FILE),  # reads the whole file
    ("python.pickle-load", Reach.FILE),  # reads the enclosing class (its confidence)
])
def test_rules_know_how_far_their_verdicts_reach(rule_id, reach):
    compiled = {cr.rule.id: cr for cr in ENGINE.analyzer("query").compiled}
    assert compiled[rule_id].reach is reach


SOURCE = b'''import os

LIMIT = 3


class Store:
    """Keeps things."""
    name = "store"

    def load(self, fh):
        return fh.read()

    def save(self, fh):
        fh.write(self.name)


def helper():
    return LIMIT
'''


def test_the_skeleton_of_a_method_is_its_class_statements_and_the_module_statements():
    doc = Document("s.py", SOURCE)
    start = SOURCE.index(b"def load")
    end = SOURCE.index(b"fh.read()") + len(b"fh.read()")
    windows = skeleton_windows(doc.tree.root_node, ((start, end),))
    covered = b"".join(SOURCE[a:b] for a, b in windows)
    assert b"import os" in covered and b"LIMIT = 3" in covered and b'name = "store"' in covered
    assert b"def load" in covered and b"class Store" in covered
    assert b"def save" not in covered and b"def helper" not in covered  # other functions: their own scope
    held = holders(doc.tree.root_node, ((start, end),))
    assert [n.type for n in held] == ["module", "class_definition", "block"]


def test_required_literals():
    assert required_literals(r"\bColumn\(|\bdb\.Model\b") == ((("Column(", "db.Model"),), False)
    assert required_literals(r"(?i)jwt|hmac") == ((("hmac", "jwt"),), True)
    assert required_literals(r"\w+\s*=") is None  # no literal every match holds
    assert required_literals(r"a(?i:bcd)efg") == ((("efg",),), False)  # a scoped flag's literal is left out
    # every requirement of a sequence must hold: `def` and one of the words
    assert required_literals(r"def\s+\w*(token|secret)\(") == ((("def",), ("secret", "token")), False)
    # the parser factors `(password|pass|pw)` into `p(assword|ass|w)`: the run continues into each branch
    assert (("pass", "password", "pw"), ("={",)) == required_literals(r"(?i)[?&](password|pass|pw)=\{")[0]
    assert ("abcd", "abe") in required_literals(r"ab(cd|e)f")[0]  # the literals before a group lead into it
    assert required_literals(r"ab(?:cd)*f") == ((("ab",),), False)  # a group that may not occur: no


def test_may_match_keeps_what_each_branch_needs():
    # a common first letter joins the branches' words: `types` alone is not `ctypes`
    assert not may_match(r"\bctypes\b|\bcffi\b", 0, "import types\nffi = 1\n")
    assert may_match(r"\bctypes\b|\bcffi\b", 0, "import cffi\n")
    # a branch needs all of its words: `import` without `docker` is not enough
    docker = r"\bimport\s+docker\b|\bfrom\s+docker\b|\bpodman\b"
    assert not may_match(docker, 0, "import os\nfrom sys import argv\n")
    assert may_match(docker, 0, "import docker\n") and may_match(docker, 0, "podman = 1")
    assert may_match(r"(?i)def\s+\w*(token|api_?key)\w*\s*\(", 0, "DEF get_APIKEY(")


PATTERNS = [r"\bColumn\(|\bmapped_column\(", r"(?i)secret_?key\s*=", r"(?m)^DEBUG\s*=\s*True\b",
            r"os\.(system|popen)\(", r"(ab)+cd|xyz", r"foo(?=bar)", r"(?i)électron|BrowserWindow",
            r"(?i)[?&](password|pass|pw)=\{", r"ab(cd|e)f", r"x(a|b)(c|d)y", r"k(ey)?s|pw(d|)",
            r"\bctypes\b|\bcffi\b", r"\bimport\s+docker\b|\bfrom\s+docker\b|\bpodman\b", r"abc(?:de|fgh)|xyz(?:w|)"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PATTERNS),
       st.lists(st.sampled_from(["Column(", "mapped_column(", "SECRET_KEY =", "DEBUG = True", "os.system(",
                                 "abcd", "xyz", "foobar", "ÉLECTRON", "browserwindow", " ", "\n", "x", "é",
                                 "Colum", "os.", "(", "?PassWord={", "&pw=", "{", "abe", "f", "xa", "dy", "pw",
                                 "keys", "ks", "d", "ctypes", "c", "types", "ffi", "import ", "docker",
                                 "from ", "podman", "abc", "de", "fgh", "xyz", "w"]), max_size=12).map("".join))
def test_a_pattern_said_not_to_match_does_not_match(pattern, text):
    if not may_match(pattern, 0, text):
        assert re.search(pattern, text) is None


LEADING = PATTERNS + [r"(?m)^\s*@\w+\.option", r"(?m)^[ \t]*(?:import|from)[ \t]+os\b", r"^\s*@x",
                      r"(?m)^\s*(?:def|@)\s*x",r"\b(request|req|self\.request)\.(files|FILES)\b|\bUploadFile\b",
                      r"(?m)^(async\s+)?def\s+(send_file|open)\s*\(", r"(?i)def\s+\w*(token|secret)",
                      r"\bself\.(password|pw)\s*=", r"(?m)^\s*@(click|\w+)\.(option|argument)\s*\(",
                      r"\byaml\s*=\s*YAML\s*\((?![^)]*unsafe)", r"\bab|\Bcd", r"(?<=x)ab|(?<!y)cd"]


def test_leading_literals():
    assert leading_literals(r"\bctypes\b|\bcffi\b") == (("cffi", "ctypes"), False, False)  # c(?:types|ffi)
    assert leading_literals(r"(?m)^(async\s+)?def\s+open") == (("async", "def"), False, False)
    assert leading_literals(r"(?i)def\s+\w*token") == (("def",), True, False)
    assert leading_literals(r"os\.(system|popen)\(") is None  # a literal prefix: re's own scan is as fast
    assert leading_literals(r"(?m)^\s*@\w+") == (("@",), False, True)  # after a line's indentation
    assert leading_literals(r"(?m)^[ \t]*(?:import|from)\s") == (("from", "import"), False, True)
    assert leading_literals(r"(?m)^[^x]*@") is None  # not only whitespace before the literal
    assert leading_literals(r"\b\w+=") is None  # what a match starts with is not a literal


@pytest.mark.parametrize(("pattern", "text"), [
    (r"(?m)^(async\s+)?def\s+(send_file|open)\s*\(", "x = 1\ndef open("),
    (r"(?m)^(async\s+)?def\s+(send_file|open)\s*\(", "async  def send_file ("),
    (r"\bctypes\b|\bcffi\b", "import cffi"), (r"\bctypes\b|\bcffi\b", "xcffi ctypesx"),
    (r"(?i)def\s+\w*(token|secret)", "DEF get_TOKEN"),
    (r"\b(request|req|self\.request)\.(files|FILES)\b|\bUploadFile\b", "self.request.FILES"),
    (r"(?m)^\s*@\w+\.option", "x = 1\n\n   @click.option"), (r"(?m)^\s*@\w+\.option", "x = @click.option"),
    (r"^\s*@x", "\n @x"), (r"(?m)^[ \t]*(?:import|from)[ \t]+os\b", "y\n\t from os"),
    (r"(?m)^[ \t]*(?:import|from)[ \t]+os\b", "y\n\n from os"),
])
def test_searching_from_the_leading_literals_examples(pattern, text):
    compiled = re.compile(pattern)
    saved = query_literals.MATCHES_PER_CHAR
    query_literals.MATCHES_PER_CHAR = 1.0
    try:
        for haystack in (text, text * 200):
            start = search_start(compiled, pattern, 0, haystack)
            assert (start >= 0) == (compiled.search(haystack) is not None)
            assert start < 0 or compiled.match(haystack, start) is not None  # a match starts there
    finally:
        query_literals.MATCHES_PER_CHAR = saved


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LEADING),
       st.lists(st.sampled_from(["Column(", "mapped_column(", "SECRET_KEY =", "DEBUG = True", "os.system(",
                                 "abcd", "xyz", "foobar", "ÉLECTRON", "browserwindow", " ", "\n", "x", "é",
                                 "ctypes", "c", "cffi", "_", "request.files", "req.FILES", "self.request",
                                 "UploadFile", "async ", "def ", "open(", "send_file (", "DEF get_TOKEN",
                                 "self.pw =", "@", "click.", "option(", "argument", "yaml = YAML(", ")",
                                 "unsafe", "ab", "cd", "y", "\t", "1", "\u2028", "\x85", "\r", "  ", "from ",
                                 "import os", "@x.option", "\n  @", "xfrom"]), max_size=12).map("".join))
def test_searching_from_the_leading_literals_finds_what_re_finds(pattern, text):
    compiled = re.compile(pattern)
    saved = query_literals.MATCHES_PER_CHAR
    query_literals.MATCHES_PER_CHAR = 1.0  # short texts: tried at every candidate, never the whole search
    try:
        start = search_start(compiled, pattern, 0, text)
        assert (start >= 0) == (compiled.search(text) is not None)
        assert start < 0 or compiled.match(text, start) is not None
    finally:
        query_literals.MATCHES_PER_CHAR = saved


WORDS = ["Column(", "db.Model", "podman", "import ", "docker", "ctypes", "cffi", "x", " ", "\n", "ab", "cd",
         "co", "lumn(", "pod", "man", "é"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map("".join),
       st.lists(st.tuples(st.integers(0, 400), st.integers(0, 12), st.lists(st.sampled_from(WORDS), max_size=3)
                          .map("".join)), min_size=1, max_size=4))
@example("xx man", [(3, 0, "pod")])  # an occurrence across the end of what the edit wrote
@example("ab podman", [(0, 0, "z" * 10), (13, 6, "")])  # one moved by an edit, then deleted
@example("import cffi", [(7, 4, "c"), (7, 1, "cffi")])
def test_literals_looked_for_around_an_edit_are_found_as_in_the_whole_text(text, edits):
    # the presence of each literal, carried from the text before an edit, is what a fresh look finds
    for pattern in PATTERNS:
        may_match(pattern, 0, text)
    for at, length, insert in edits:
        at = min(at, len(text))
        new = text[:at] + insert + text[at + length:]
        query_literals.continue_from(new, text)
        for pattern in PATTERNS:
            found = query_literals.literal_formula(pattern, 0)
            if found is None or found[1]:
                continue
            fresh = query_literals._eval(found[0], query_literals._Found(new))
            assert query_literals._holds(found[0], new) == fresh, (pattern, new)
        text = new


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([r"\bimport\s+flask\b", r"(?m)^class\s+\w*User\b", r"set_cookie|\bsession\[",
                        r"(?s)\A(?=.*\bsecrets\.token_hex\b)"]),
       st.lists(st.sampled_from(["import flask\n", "class AdminUser:\n", "x = 1\n", "set_cookie(", "session[",
                                 "secrets.token_hex(8)\n", "import os\n", "  pass\n"]), max_size=10).map("".join),
       st.integers(0, 200), st.integers(0, 40),
       st.sampled_from(["", "flask", "import ", "\n", "x", "class ", "User", "_cookie", "token_hex"]))
def test_a_match_carried_over_an_edit_gives_what_a_search_of_the_new_text_gives(pattern, text, at, length, insert):
    """The editor's next version tries the previous version's match where the edit moved it: the
    answer is what a search of the new text gives, whether the edit kept, broke or made a match."""
    from railguard.engine.analyzers.query_reach import carry_file_searches, file_search
    from railguard.engine.edits import edit_span
    from railguard.engine.lazyre import LazyPattern

    lazy = LazyPattern(pattern)
    prev = Document("m.py", text.encode())
    assert file_search(lazy, prev) == (re.search(pattern, text) is not None)
    at = min(at, len(text))
    edited = text[:at] + insert + text[at + length:]
    doc = Document("m.py", edited.encode())
    carry_file_searches(doc, prev, edit_span(prev.text, doc.text))
    assert file_search(lazy, doc) == (re.search(pattern, edited) is not None)
