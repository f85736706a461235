from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine, collapse_duplicates
from railguard.model import Confidence, Finding, Position, Range, Severity


def scan(text, path="a.py"):
    return Engine(default_config(".")).scan_document(Document.from_text(path, text))


def rule_ids(res):
    return [(f.rule_id, f.line) for f in res.findings]


def test_railguard_ignore_on_the_line_and_above():
    res = scan(
        "import yaml\n"
        "a = yaml.load(s)  # railguard: ignore[python.yaml-load] trusted file we wrote\n"
        "# railguard: ignore[python.yaml-load] trusted file we wrote\n"
        "b = yaml.load(s)\n"
        "c = yaml.load(s)\n"
    )
    assert ("python.yaml-load", 5) in rule_ids(res)
    assert len([f for f in res.findings if f.rule_id == "python.yaml-load"]) == 1
    assert len(res.suppressed) == 2


def test_suppression_for_another_rule_does_not_apply():
    res = scan("import yaml\na = yaml.load(s)  # railguard: ignore[python.pickle-load] reason\n")
    assert ("python.yaml-load", 2) in rule_ids(res)


def test_peer_annotations_are_honoured():
    res = scan("import yaml\na = yaml.load(s)  # nosec\nb = yaml.load(s)  # nosemgrep\n")
    assert not [f for f in res.findings if f.rule_id == "python.yaml-load"]


def test_a_peer_marker_on_a_line_of_a_call_written_over_several_lines_is_the_calls():
    # bandit reads `# nosec` on the argument line it concerns; a marker inside the next statement does not reach back
    res = scan("import subprocess\n\ndef freeze(command):\n    out = subprocess.check_output(\n        command,\n"
               "        shell=True,  # nosec\n    )\n    return subprocess.check_output(\n        command,\n"
               "        shell=True,\n    )\n\n\nx = 1  # nosec\n")
    assert [f.line for f in res.findings if f.rule_id == "python.subprocess-shell-true"] == [8]
    assert [f.line for f in res.suppressed if f.rule_id == "python.subprocess-shell-true"] == [4]


def test_a_ruff_flake8_bandit_noqa_silences_the_rules_for_that_weakness_only():
    res = scan(
        "import random\nimport yaml\n"
        "salt = str(random.randint(0, 10**9))  # noqa: S311\n"
        "nonce = str(random.randint(0, 10**9))  # noqa: E501\n"
        "a = yaml.load(s)  # noqa: S311, E501\n"
        "b = yaml.load(s)  # noqa: S506\n"
        "otp = random.randint(0, 10**9)  # noqa\n"
    )
    ids = rule_ids(res)
    assert ("python.random-for-secret", 3) not in ids
    assert ("python.random-for-secret", 4) in ids  # another code
    assert ("python.yaml-load", 5) in ids  # S311 is not the YAML rule's weakness
    assert ("python.yaml-load", 6) not in ids
    assert ("python.random-for-secret", 7) in ids  # a bare noqa names no weakness
    assert {f.suppression for f in res.suppressed} >= {"# noqa: S311", "# noqa: S506"}


def test_every_rule_a_bandit_code_maps_to_exists():
    from railguard.engine.suppressions import bandit_codes
    from railguard.rules.loader import load_rules

    known = {r.id for r in load_rules().rules}
    mapped = {rid for ids in bandit_codes().values() for rid in ids}
    assert mapped and mapped <= known, sorted(mapped - known)


def test_code_on_the_line_above_does_not_suppress_the_next_line():
    res = scan("import yaml\nx = 1  # railguard: ignore[python.yaml-load] r\nb = yaml.load(s)\n")
    assert ("python.yaml-load", 3) in rule_ids(res)


def test_suppression_without_rule_or_reason_is_reported():
    res = scan(
        "import yaml\n"
        "a = yaml.load(s)  # railguard: ignore\n"
        "b = yaml.load(s)  # railguard: ignore[python.yaml-load]\n"
    )
    ids = rule_ids(res)
    assert ("railguard.suppression-without-rule", 2) in ids
    assert ("railguard.suppression-without-reason", 3) in ids
    assert not [f for f in res.findings if f.rule_id == "python.yaml-load"]


def test_fingerprint_stable_across_moves_and_whitespace_but_distinct_for_copies():
    a = scan("import yaml\ndef f(s):\n    return yaml.load(s)\n")
    b = scan("import yaml\n\n\n\nclass K:\n    def f(self, s):\n        return yaml.load( s )\n")
    assert a.findings[0].fingerprint == b.findings[0].fingerprint
    two = scan("import yaml\nyaml.load(s)\nyaml.load(s)\n")
    assert len({f.fingerprint for f in two.findings}) == 2


def _f(rule, analyzer, conf, start, end, cwe=(78,)):
    return Finding(rule, Severity.HIGH, conf, "m", "a.py",
                   Range(Position(0, start), Position(0, end), start, end), cwe=cwe, analyzer=analyzer)


def test_collapse_keeps_the_more_precise_of_two_reports_of_one_problem():
    q = _f("python.x", "query", Confidence.MEDIUM, 0, 20)
    t = _f("taint.x", "taint", Confidence.HIGH, 5, 15)
    other_cwe = _f("python.y", "query", Confidence.MEDIUM, 0, 20, cwe=(89,))
    kept = collapse_duplicates([q, t, other_cwe], Engine(default_config(".")).precedence)
    assert {f.rule_id for f in kept} == {"taint.x", "python.y"}


# A marker inside a string literal is data, not a comment: it must not silence the line.
_IN_STRING = [
    ("nosec", "import yaml\na = yaml.load(s); note = '# nosec'\n", "a.py"),
    ("nosemgrep", 'import yaml\na = yaml.load(s); note = "nosemgrep"\n', "a.py"),
    ("railguard-ignore", 'import yaml\na = yaml.load(s); n = "# railguard: ignore[python.yaml-load] ok"\n', "a.py"),
    ("above-in-docstring", 'import yaml\nx = """\n# nosec\n"""\na = yaml.load(s)\n', "a.py"),
    ("js-nosemgrep", 'const x = "// nosemgrep"; eval(userInput);\n', "a.js"),
]


def test_a_marker_inside_a_string_does_not_suppress():
    for name, text, path in _IN_STRING:
        res = scan(text, path)
        assert res.findings and not res.suppressed, name


def test_a_marker_in_a_comment_after_a_string_with_a_hash_still_suppresses():
    res = scan("import yaml\na = yaml.load(s); b = '#'  # nosec trusted\n")
    assert not [f for f in res.findings if f.rule_id == "python.yaml-load"] and res.suppressed


def test_allowlist_secret_inside_a_string_does_not_suppress_a_key():
    from tests.secret_samples import sample

    key = sample("github-token")
    for path, text in (
        ("a.py", f'token = "{key}"; note = "pragma: allowlist secret"\n'),
        (".env", f'TOKEN="{key} pragma: allowlist secret"\n'),
    ):
        res = scan(text, path)
        assert any(f.analyzer == "secrets" for f in res.findings) and not res.suppressed, path
    ok = scan(f'TOKEN="{key}"  # pragma: allowlist secret\n', ".env")
    assert ok.suppressed and not [f for f in ok.findings if f.analyzer == "secrets"]


def test_a_finding_on_a_bare_decorator_is_told_apart_by_the_definition_it_decorates():
    # removing one of two CSRF-exempt views leaves the other's fingerprint as it was
    views = ("from django.views.decorators.csrf import csrf_exempt\n\n\n"
             "@csrf_exempt\ndef start(request):\n    return run(request)\n\n\n"
             "@csrf_exempt\ndef stop(request):\n    return halt(request)\n")
    def by_view(text):
        lines = text.splitlines()
        return {lines[f.line].split("(")[0]: f.fingerprint for f in scan(text).findings
                if f.rule_id == "python.csrf-exempt"}

    both = by_view(views)
    only_stop = by_view(views.replace("@csrf_exempt\ndef start(request):\n    return run(request)\n\n\n", ""))
    assert set(both) == {"def start", "def stop"} and only_stop == {"def stop": both["def stop"]}
