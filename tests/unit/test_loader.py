import pytest

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.rules.loader import load_rules

RULE = """rules:
  - id: custom.eval-call
    languages: [python]
    severity: high
    confidence: high
    cwe: [95]
    message: "eval of {{arg}}"
    query: |
      (call function: (identifier) @f arguments: (argument_list . (_) @arg) (#eq? @f "eval")) @match
    where:
      - capture: arg
        constant: false
"""


def write(tmp_path, text, name="pack.yaml"):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_custom_pack_loads_and_matches(tmp_path):
    rules = load_rules([write(tmp_path, RULE)], bundled=False)
    assert not rules.errors
    engine = Engine(default_config(tmp_path), rules)
    res = engine.scan_document(Document.from_text("a.py", "eval(user)\neval('1+1')\n"))
    assert [(f.rule_id, f.line, f.message) for f in res.findings] == [("custom.eval-call", 1, "eval of user")]
    assert res.findings[0].cwe == (95,)


def test_malformed_yaml_names_file_and_position(tmp_path):
    rules = load_rules([write(tmp_path, "rules:\n  - id: x\n    languages: [python\n")], bundled=False)
    assert len(rules.errors) == 1
    msg = str(rules.errors[0])
    assert "pack.yaml" in msg and "invalid YAML" in msg and "line" in msg


@pytest.mark.parametrize(
    "mutation, field",
    [
        (("severity: high", "severity: huge"), "severity"),
        (("cwe: [95]", "cwe: [abc]"), "cwe"),
        (("    message: \"eval of {{arg}}\"\n", ""), "message"),
        (("        constant: false", "        constant: maybe"), "where"),
        (("    confidence: high\n", "    confidence: high\n    colour: red\n"), "colour"),
    ],
)
def test_bad_field_is_named(tmp_path, mutation, field):
    rules = load_rules([write(tmp_path, RULE.replace(*mutation))], bundled=False)
    engine = Engine(default_config(tmp_path), rules)
    res = engine.scan_document(Document.from_text("a.py", "eval(x)\n"))
    notices = engine.load_notices + res.notices
    errors = [f"{n.path}: {n.message}" for n in notices if n.kind == "error"]
    assert any("custom.eval-call" in e and "pack.yaml" in e for e in errors), errors
    assert any(f"'{field}'" in e or field in e for e in errors), errors
    assert not res.findings


def test_invalid_query_reports_rule_field_and_position_and_other_rules_still_run(tmp_path):
    bad = RULE.replace("custom.eval-call", "custom.bad").replace("(call function:", "(cal function:")
    rules = load_rules([write(tmp_path, RULE), write(tmp_path, bad, "bad.yaml")], bundled=False)
    engine = Engine(default_config(tmp_path), rules)
    res = engine.scan_document(Document.from_text("a.py", "eval(x)\n"))
    assert [f.rule_id for f in res.findings] == ["custom.eval-call"]
    errors = [n for n in res.notices if n.kind == "error"]
    assert len(errors) == 1
    assert "custom.bad" in errors[0].message and "'query'" in errors[0].message
    assert "query line 1" in errors[0].message


def test_loading_never_executes_code(tmp_path):
    marker = tmp_path / "pwned"
    evil = f"!!python/object/apply:os.system ['touch {marker}']\n"
    rules = load_rules([write(tmp_path, evil)], bundled=False)
    assert rules.errors
    assert not marker.exists()


def test_duplicate_rule_ids_are_reported(tmp_path):
    rules = load_rules([write(tmp_path, RULE), write(tmp_path, RULE, "again.yaml")], bundled=False)
    assert len(rules.rules) == 1
    assert any("duplicate rule id" in str(e) for e in rules.errors)


def test_selectors_enable_and_disable():
    rules = load_rules()
    only = rules.filtered(enable=["python"], disable=["python.yaml-load"])
    assert all(r.id.startswith("python.") for r in only.rules)
    assert "python.yaml-load" not in only.by_id()
