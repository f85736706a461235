"""The commit gate in-process: fail closed on a missing grammar or an internal error."""

from __future__ import annotations

import io

import pytest

from railguard.engine import languages
from railguard.hooks.commit import CommitGate, HookOptions
from railguard.hooks.output import Printer
from tests.githelpers import VULN


def gate_for(tmp_path, monkeypatch, **options) -> tuple[CommitGate, io.StringIO]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RAILGUARD_FAIL_OPEN", raising=False)
    monkeypatch.delenv("RAILGUARD_ALLOW", raising=False)
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "app.py").write_text(VULN)
    out = io.StringIO()
    return CommitGate(HookOptions(files=("app.py",), **options), Printer(out, color=False), cwd=tmp_path), out


def test_missing_grammar_blocks_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setitem(languages.GRAMMARS, "python", ("tree_sitter_no_such_grammar", "language"))
    languages.get_language.cache_clear()
    languages.get_parser.cache_clear()
    try:
        gate, out = gate_for(tmp_path, monkeypatch)
        assert gate.run() == 2
    finally:
        languages.get_language.cache_clear()
        languages.get_parser.cache_clear()
    text = out.getvalue()
    assert "commit blocked: railguard could not check it" in text
    assert "tree_sitter_no_such_grammar" in text and "RAILGUARD_FAIL_OPEN=1" in text


def test_internal_error_blocks_and_fail_open_records_it(tmp_path, monkeypatch):
    from railguard.engine.engine import Engine

    def broken(self, *args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(Engine, "scan", broken)
    gate, out = gate_for(tmp_path, monkeypatch)
    assert gate.run() == 2
    assert "internal error ZeroDivisionError" in out.getvalue()

    log = tmp_path / "audit.jsonl"
    (tmp_path / ".railguard.toml").write_text('[hook]\nfail-open = true\naudit-log = "audit.jsonl"\n')
    gate, out = gate_for(tmp_path, monkeypatch)
    assert gate.run() == 0
    assert "fail-open let it through" in out.getvalue()
    assert '"event": "fail-open"' in log.read_text() and "ZeroDivisionError" in log.read_text()


def test_fail_open_that_cannot_be_recorded_still_blocks(tmp_path, monkeypatch):
    from railguard.engine.engine import Engine

    monkeypatch.setattr(Engine, "scan", lambda self, *a, **k: 1 / 0)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    (tmp_path / ".railguard.toml").write_text('[hook]\nfail-open = true\naudit-log = "not-a-dir/log"\n')
    gate, out = gate_for(tmp_path, monkeypatch)
    assert gate.run() == 2
    assert "cannot be recorded" in out.getvalue()


@pytest.mark.parametrize("color", [True, False])
def test_colour_only_when_asked(tmp_path, monkeypatch, color):
    gate, out = gate_for(tmp_path, monkeypatch)
    gate.out = Printer(out, color=color)
    assert gate.run() == 1
    assert ("\x1b[" in out.getvalue()) is color
    assert "app.py:4:12" in out.getvalue()
