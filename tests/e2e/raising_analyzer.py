"""`python -m tests.e2e.raising_analyzer`: railguard's language server with one more analyzer
that raises on every document, to show that a failing analyzer is logged and the others
still publish."""

from __future__ import annotations

import sys

from railguard.engine.analyzers.base import ANALYZERS, RULELESS, Analyzer


class RaisingAnalyzer(Analyzer):
    name = "boom"

    def __init__(self, rules, config) -> None:
        pass

    def analyze(self, document, context):
        raise ZeroDivisionError("an analyzer bug")


ANALYZER = RaisingAnalyzer


if __name__ == "__main__":
    ANALYZERS["boom"] = "tests.e2e.raising_analyzer"
    RULELESS.add("boom")
    from railguard.cli import main

    sys.exit(main(["lsp"]))
