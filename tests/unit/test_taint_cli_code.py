"""A command-line runner loads the code its own command line names (`runner.py pkg.flows:main`,
a `--settings` module): the person who runs it already runs code on the machine, so a flow from the
console (model: low-confidence-sinks.cli) into a module loader is reported at low confidence (for the
editor); the same loader handed a value of a web request keeps its confidence, and so does `eval`."""

from __future__ import annotations

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.model import Confidence

RUNNER = '''
import importlib
import sys

from flask import Flask, request

app = Flask(__name__)


def main():
    module_name, _, attribute = sys.argv[1].partition(":")
    flow = getattr(importlib.import_module(module_name), attribute)
    flow()


def interactive():
    expression = input("expression: ")
    print(eval(expression))


@app.route("/run", methods=["POST"])
def run():
    module_name, _, attribute = request.form["entrypoint"].partition(":")
    flow = getattr(importlib.import_module(module_name), attribute)
    return str(flow())
'''


def _lines(text: str, needle: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]


def test_code_the_command_line_names_is_low_and_code_a_request_names_is_not():
    config = default_config()
    config.values.setdefault("", {})["cache"] = False
    found = Engine(config).scan_document(Document.from_text("runner.py", RUNNER)).findings
    by_line = {f.line: f.confidence for f in found if f.rule_id == "taint.python.code-injection"}
    cli, web = _lines(RUNNER, "importlib.import_module(module_name)")
    assert by_line[cli] == Confidence.LOW
    # `eval` of typed text is no loader: the expression may come from anyone at the prompt
    assert by_line[_lines(RUNNER, "eval(expression)")[0]] >= Confidence.MEDIUM
    assert by_line[web] == Confidence.HIGH

