"""Fail closed on time (docs/security.md, "Time"): a budget per analyzer inside a file, the
secrets analyzer never skipped, and the query analyzer's work linear in its input (bounds on
work, not seconds)."""

from __future__ import annotations

import threading

import pytest

from railguard.config import default_config
from railguard.engine import budget
from railguard.engine.analyzers import query as query_module
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from tests.e2e.test_hostile_hooks import KEYS_FILE


def _engine(timeout: float, analyzers: list[str] | None = None) -> Engine:
    config = default_config("/")
    config.values.setdefault("", {})["file-timeout"] = timeout
    if analyzers:
        config.values[""]["analyzers"] = analyzers
    return Engine(config)


def test_a_slow_analyzer_is_stopped_inside_the_file_and_secrets_still_run(monkeypatch):
    engine = _engine(2)
    spins = [0]

    def endless(self, document, context):  # noqa: ANN001 - pure Python that never returns by itself
        while True:
            spins[0] += 1
            if spins[0] > 200_000_000:  # about a minute: the budget must end it first
                return []

    monkeypatch.setattr(query_module.QueryAnalyzer, "analyze", endless)
    result = engine.scan_document(Document("settings.py", KEYS_FILE.encode()))
    [timeout] = [n for n in result.notices if n.message.startswith("query analyzer timed out")]
    assert timeout.kind == "error" and timeout.path == "settings.py"
    assert timeout.message.startswith("query analyzer timed out after 2 s (file-timeout)")
    rules = {f.rule_id for f in result.findings if f.analyzer == "secrets"}
    assert {"secrets.github-token", "secrets.aws-access-key-id"} <= rules, rules


def test_a_zero_budget_blocks_instead_of_skipping():
    result = _engine(0).scan_document(Document("settings.py", KEYS_FILE.encode()))
    stopped = {n.message.split()[0] for n in result.notices if n.kind == "error" and "timed out" in n.message}
    assert "secrets" in stopped and "query" in stopped


def test_query_windows_check_the_budget_in_any_thread():
    """No interval timer off the main thread (the language server's workers): the query
    analyzer checks the budget between windows of a large file."""
    engine = _engine(30, ["query"])
    # a minified file is excluded by default; this one is brought back (`include`) to be queried
    engine = Engine(engine.config.with_values(include=["bundle.js"]), engine.ruleset)
    text = "".join(f"var a{i}=function(b,c){{return b+c+\"x{i}\"}};" for i in range(20_000))
    checks = []
    real_check = budget.check

    def counting_check() -> None:
        checks.append(1)
        real_check()

    out: list = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(budget, "check", counting_check)
        worker = threading.Thread(target=lambda: out.append(engine.scan_document(Document("bundle.js", text.encode()))))
        worker.start()
        worker.join()
    assert out and not [n for n in out[0].notices if n.kind == "error"]
    assert len(checks) >= len(text) // query_module.QUERY_WINDOW


# ---------------------------------------------------------------- linear work


def _concatenation(n: int) -> tuple[str, str]:
    return "app.py", "import os\ndef f(x):\n    os.system(" + " + ".join(["'a'"] * n + ["x"]) + ")\n"


def _routes(n: int) -> tuple[str, str]:
    return "app.py", ("from flask import Flask, request\napp = Flask(__name__)\n"
                      + "".join(f"@app.route('/r{i}/<int:id>')\ndef r{i}(id):\n    return str(id)\n\n" for i in range(n)))


def _minified(n: int) -> tuple[str, str]:
    return "bundle.js", "".join(f"var a{i}=function(b,c){{return b+c+\"x{i}\"+require(\"m{i}\")}};" for i in range(n))


def _sparse_words(n: int) -> tuple[str, str]:
    """Many top-level statements, a rule's word in one of 25: the anchored rules' ranges (each a
    walk down from the file's root) stay few or give way to one query of the whole file."""
    return "app.py", "import yaml\n" + "".join(
        f"v{i} = yaml.load(src{i})\n" if i % 25 == 0 else f"v{i} = compute(a{i}, b{i})\n" for i in range(n))


@pytest.mark.parametrize("make,small,large", [(_concatenation, 2000, 8000), (_routes, 2000, 8000),
                                              (_minified, 5000, 20000), (_sparse_words, 10000, 40000)])
def test_query_work_grows_linearly(monkeypatch, make, small, large):
    """Work = matches checked + bytes of node text read + windows queried; 4x the input may
    cost at most 4.5x the work (the quadratic case cost 16x)."""
    engine = _engine(600, ["query"])
    work = {"n": 0}
    real_text = Document.node_text
    real_check = query_module.QueryAnalyzer._check_match
    real_budget = budget.check

    def text(self, node):  # noqa: ANN001
        value = real_text(self, node)
        work["n"] += len(value)
        return value

    def check_match(self, *args):  # noqa: ANN001
        work["n"] += 1
        return real_check(self, *args)

    def budget_check() -> None:
        work["n"] += 1
        real_budget()

    monkeypatch.setattr(Document, "node_text", text)
    monkeypatch.setattr(query_module.QueryAnalyzer, "_check_match", check_match)
    monkeypatch.setattr(budget, "check", budget_check)
    costs = []
    for n in (small, large):
        work["n"] = 0
        path, code = make(n)
        result = engine.scan_document(Document(path, code.encode()))
        assert not [x for x in result.notices if x.kind == "error"]
        costs.append(max(work["n"], 1))
    assert costs[1] <= 4.5 * costs[0], costs
