"""A large scan queries the anchored rules around their words (query_ranges.py): what it finds
is what one query of every rule over the whole file finds."""

from railguard.config import default_config
from railguard.engine.analyzers.anchors import query_units
from railguard.engine.analyzers.query_ranges import DENSE, Occurrences, anchored
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.rules.loader import load_rules


def test_words_are_found_whole_and_after_an_escape():
    occ = Occurrences(b'x = ret; return re.compile("\\nre" + "\\x41re")  # prefix re')
    starts = [lo for lo, _ in occ.spans(b"re")]
    text = occ.data
    assert all(text[lo:lo + 2] == b"re" for lo in starts)
    assert text.index(b"re.compile") in starts  # whole word
    assert text.index(b"ret;") not in starts and text.index(b"return") not in starts  # inside a word
    assert len(starts) == 4  # re.compile, after \n, after \x41, in the comment
    assert occ.has(b"re") and not occ.has(b"compil") and occ.has(b"compile")


def test_rules_rooted_at_containers_or_without_words_are_queried_over_the_whole_file():
    call = '(call function: (identifier) @f (#eq? @f "eval")) @match'
    module = '(module (expression_statement (assignment left: (identifier) @n)) @match (#eq? @n "DEBUG"))'
    free = "(call function: (identifier) @f) @match"
    assert anchored(query_units(call))
    assert not anchored(query_units(module))
    assert not anchored(query_units(free))
    assert not anchored(query_units(call + "\n" + free))  # one pattern without words: the whole rule


def _engines(rules):
    config = default_config(".")
    config.values[""] = {"cache": False, "analyzers": ["query"]}
    split, whole = Engine(config, rules), Engine(config, rules)
    whole.analyzer("query").split = False
    return split, whole


def _found(engine, path, data):
    return sorted((f.rule_id, f.range.start_byte) for f in engine.scan_document(Document(path, data), "ci").findings)


def test_sparse_and_dense_files_find_what_the_whole_query_finds(tmp_path):
    split, whole = _engines(load_rules())
    nested = "    r = outer(inner(yaml.load(f(x)), pickle.loads(g(h(y)))), subprocess.call(cmd, shell=True))\n"
    filler = "    total = compute(a, b) + other(c) * 3\n" * 40
    sparse = ("import yaml, pickle, subprocess\n\ndef handler(x, y, cmd):\n" + filler + nested + filler).encode()
    spaced = "    total = compute(a, b) + other(c) * 3 + third(d, e, f)\n"  # no word of a rule: ranges apart
    dense = ("import yaml, pickle, subprocess\n\ndef handler(x, y, cmd):\n" + (nested + spaced) * 30).encode()
    analyzer = split.analyzer("query")
    # the dense file takes the whole-file path, the sparse one the ranges
    from railguard.engine.analyzers.query_ranges import ranges
    units = analyzer.split_for("python").units
    assert len(ranges(units, sparse, "a.py", None)) * 1000 <= DENSE * len(sparse)
    assert len(ranges(units, dense, "b.py", None)) * 1000 > DENSE * len(dense)
    for path, data in (("a.py", sparse), ("b.py", dense)):
        found = _found(split, path, data)
        assert {"python.yaml-load", "python.pickle-load"} <= {rule for rule, _ in found}
        assert found == _found(whole, path, data)
