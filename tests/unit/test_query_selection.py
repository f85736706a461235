"""Choosing the query rules a file can match before compiling any (query_selection.py)."""

from __future__ import annotations

import json

from railguard.config import default_config
from railguard.engine.analyzers.conditions import parse_conditions
from railguard.engine.analyzers.query import QueryAnalyzer
from railguard.engine.analyzers.query_selection import (
    FileTexts,
    SelectionCache,
    condition_needs,
    derive,
    may_hold,
)
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.model import Confidence, Rule, Severity
from railguard.rules.loader import BUNDLED_PREFIX

QUERY = "(call function: (identifier) @fn arguments: (argument_list (string) @arg)) @match\n"


def needs(where: list) -> tuple:
    return condition_needs(parse_conditions(where))


def test_a_regex_whose_literals_are_absent_rules_the_rule_out():
    need = needs([{"capture": "arg", "regex": r"\bsudo\s+-S\b"}])
    assert not may_hold(need, FileTexts(b'run("ls -la")\n'))
    assert may_hold(need, FileTexts(b'run("sudo -S ls")\n'))


def test_ignore_case_compares_lower_case_and_gives_up_on_non_ascii_text():
    need = needs([{"capture": "arg", "regex": "(?i)password"}])
    assert may_hold(need, FileTexts(b'x = "PassWord"\n'))
    assert not may_hold(need, FileTexts(b'x = "token"\n'))
    # Unicode case folding matches more than str.lower() finds (the Kelvin sign is a k)
    assert may_hold(needs([{"capture": "arg", "regex": "(?i)kind"}]), FileTexts('x = "\u212aind"\n'.encode()))


def test_a_file_regex_is_judged_on_the_file_a_rewrite_stands_for():
    need = needs([{"capture": "match", "file-regex": r"\bimport\s+flask\b"}])
    assert not may_hold(need, FileTexts(b"import os\n"))
    assert may_hold(need, FileTexts(b"import flask\n"))
    # a canonical rewrite (aliases spelled plainly) is queried, the original file is what file-regex reads
    assert may_hold(need, FileTexts(b"x = 1\n"), FileTexts(b"import flask\n"))
    assert not may_hold(need, FileTexts(b"import flask\n"), FileTexts(b"import os\n"))


def test_flow_and_use_conditions_need_their_literals_but_not_those_blanking_could_make():
    assert not may_hold(needs([{"capture": "arg", "from-regex": r"\.choices\["}]), FileTexts(b"run(x)\n"))
    assert may_hold(needs([{"capture": "arg", "from-regex": r"\.choices\["}]), FileTexts(b"r.choices[0]\n"))
    assert not may_hold(needs([{"capture": "arg", "value-regex": r"request\.args"}]), FileTexts(b"run(x)\n"))
    # `uses-regex` reads the text with strings blanked to spaces: a literal with a space may be made
    # by the blanking (`f("x") ` reads `f("  ") `), so it requires nothing
    assert may_hold(needs([{"capture": "arg", "uses-regex": r"\(\s*\" \" \)"}]), FileTexts(b"f('x')\n"))


def test_conditions_that_may_hold_without_the_literals_require_nothing():
    text = FileTexts(b"nothing relevant\n")
    assert may_hold(needs([{"any": [{"capture": "arg", "regex": "secret"}, {"capture": "fn", "type": "x"}]}]), text)
    assert may_hold(needs([{"capture": "arg", "regex": "secret", "absent": True}]), text)
    assert may_hold(needs([{"capture": "arg", "not-regex": "secret"}]), text)
    assert not may_hold(needs([{"any": [{"capture": "arg", "regex": "secret"},
                                        {"capture": "match", "scope-regex": "password"}]}]), text)


def _analyzer(where: list, paths: list[str] | None = None) -> QueryAnalyzer:
    rule = Rule(id="t.sudo", title="t", analyzer="query", languages=("python",), severity=Severity.HIGH,
                confidence=Confidence.HIGH, message="m", matcher={"query": QUERY, "where": where},
                paths=tuple(paths) if paths else (), source=BUNDLED_PREFIX + "test.yaml")
    return QueryAnalyzer([rule], default_config("."))


def test_the_selective_query_keeps_only_rules_that_can_match_and_finds_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("RAILGUARD_STATE_DIR", str(tmp_path / "state"))
    where = [{"capture": "arg", "regex": r"^.sudo "}]
    analyzer = _analyzer(where)
    assert analyzer.selective_query_for("python", b'run("ls")\n', "a.py").rules == []
    assert [cr.rule.id for cr in analyzer.selective_query_for("python", b'run("sudo ls")\n', "a.py").rules] \
        == ["t.sudo"]
    # a rule whose paths do not admit the file is not compiled for it
    scoped = _analyzer(where, ["**/scripts/**"])
    assert scoped.selective_query_for("python", b'run("sudo ls")\n', "app/a.py").rules == []
    assert scoped.selective_query_for("python", b'run("sudo ls")\n', "scripts/a.py").rules


def test_the_signed_cache_gives_back_what_was_derived_and_refuses_what_it_did_not_write(tmp_path, monkeypatch):
    monkeypatch.setenv("RAILGUARD_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "query-selection.json"
    where = [{"capture": "arg", "regex": r"^.sudo "}]
    sel = derive(QUERY, parse_conditions(where))
    digest = SelectionCache.digest("t.sudo", QUERY, where, False)
    cache = SelectionCache(path)
    cache.put("t.sudo", digest, sel)
    cache.save()
    assert SelectionCache(path).get("t.sudo", digest, QUERY) == sel
    # another rule text: a miss
    assert SelectionCache(path).get("t.sudo", SelectionCache.digest("t.sudo", QUERY, [], False), QUERY) is None
    # an entry edited on disk (no requirement any more) does not verify
    data = json.loads(path.read_text())
    entry = data["t.sudo"]
    payload = json.loads(entry[1])
    payload["needs"] = []
    entry[1] = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    path.write_text(json.dumps(data))
    assert SelectionCache(path).get("t.sudo", digest, QUERY) is None


def test_a_cached_selection_changes_no_finding_of_a_one_file_scan(tmp_path, monkeypatch):
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("RAILGUARD_STATE_DIR", str(tmp_path / "state"))
    text = "import subprocess\n\n\ndef run(cmd):\n    subprocess.call('sudo ' + cmd, shell=True)\n"

    def findings() -> list[tuple[str, int]]:
        engine = Engine(default_config("."), small_scan=True)
        return sorted((f.rule_id, f.line) for f in engine.scan_document(Document.from_text("a.py", text)).findings)

    first = findings()  # derives and writes the cache
    assert (tmp_path / "query-selection.json").is_file()
    assert findings() == first and first  # read from it
    monkeypatch.setenv("RAILGUARD_NO_RULE_CACHE", "1")
    assert findings() == first


def test_the_files_of_a_small_scan_share_one_query_and_find_the_same(tmp_path, monkeypatch):
    """A small scan tells the analyzer its files first: it compiles one query of the rules any of
    them can match, and each file finds there exactly what its own selection finds. A file it
    was not told of gets its own query."""
    from railguard.engine.analyzers import query as query_module
    from railguard.model import Origin, SourceFile

    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("RAILGUARD_STATE_DIR", str(tmp_path / "state"))
    texts = {
        "shell.py": "import subprocess\n\n\ndef run(cmd):\n    subprocess.call('sudo ' + cmd, shell=True)\n",
        "load.py": "import yaml\nimport hashlib\n\n\ndef read(f):\n    hashlib.md5(f.read())\n    return yaml.load(f)\n",
        "late.py": "import pickle\n\n\ndef read(f):\n    return pickle.loads(f.read())\n",
    }
    sources = {name: SourceFile.from_bytes(name, text.encode(), Origin.INDEX) for name, text in texts.items()}
    compiled: list[list[str]] = []
    build = query_module.build_language_query

    def counting(rules, language, parts=None):  # noqa: ANN001, ANN202
        compiled.append([cr.rule.id for cr in rules])
        return build(rules, language, parts)

    def findings(engine: Engine, names: list[str]) -> dict[str, list[tuple[str, int]]]:
        report = engine.scan([sources[n] for n in names], "commit", use_cache=False)
        return {name: sorted((f.rule_id, f.line) for f in report.findings if f.path == name and f.analyzer == "query")
                for name in names}

    monkeypatch.setattr(query_module, "build_language_query", counting)
    alone = {name: findings(Engine(default_config(tmp_path)), [name])[name] for name in texts}
    assert all(alone.values()) and len(compiled) == 3  # one query per file
    compiled.clear()
    engine = Engine(default_config(tmp_path))
    assert findings(engine, ["shell.py", "load.py"]) == {n: alone[n] for n in ("shell.py", "load.py")}
    assert len(compiled) == 1  # one query for both
    assert {rule for name in ("shell.py", "load.py") for rule, _ in alone[name]} <= set(compiled[0])
    late = engine.scan_document(Document("late.py", texts["late.py"].encode()), "commit", small_scan=True)
    assert sorted((f.rule_id, f.line) for f in late.findings if f.analyzer == "query") == alone["late.py"]
    assert len(compiled) == 2  # not told of: its own query


def test_a_large_scan_skips_the_conditions_of_a_rule_whose_literals_are_absent(tmp_path, monkeypatch):
    """With the whole language query, a match of a rule whose `where` literals do not occur in
    the file is dropped before its conditions run; a file that holds them is still reported."""
    from railguard.engine.analyzers import conditions as conditions_module
    from railguard.engine.analyzers.base import ScanContext

    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("RAILGUARD_STATE_DIR", str(tmp_path / "state"))
    analyzer = _analyzer([{"capture": "arg", "regex": r"^.sudo "}])
    checked: list[str] = []
    holds = conditions_module.Condition.holds_in_match

    def counting(self, captures, doc):  # noqa: ANN001, ANN202
        checked.append(doc.data.decode())
        return holds(self, captures, doc)

    monkeypatch.setattr(conditions_module.Condition, "holds_in_match", counting)

    def found(text: str) -> list[int]:
        context = ScanContext(default_config("."), ".", "ci", {})  # not a small scan: the whole query
        return [f.line for f in analyzer.analyze(Document.from_text("a.py", text), context)]

    assert found('run("ls -la")\nrun("rm x")\n') == []
    assert checked == []  # two matches, no condition run: "sudo" is not in the file
    assert found('run("ls -la")\nrun("sudo ls")\n') == [2]  # the words occur: reported
    assert len(checked) == 2  # ... and both matches were checked
    # the literal anywhere in the file is enough for the conditions to run (they decide)
    assert found('run("ls")\n# sudo ls\n') == [] and len(checked) == 3
