"""Rule loading on the hook path: the parsed-rule cache keeps yaml out of a warm start."""

from __future__ import annotations

import subprocess
import sys

from railguard.rules.loader import load_rules
from tests.conftest import ROOT

PACK = """rules:
  - id: custom.no-eval
    languages: [python]
    severity: high
    message: eval of {{f}}
    query: '(call function: (identifier) @f (#eq? @f "eval")) @match'
"""


def test_warm_cache_gives_the_same_rules_and_edits_are_picked_up(tmp_path, monkeypatch):
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RAILGUARD_NO_RULE_CACHE", raising=False)
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK)
    cold = load_rules([pack])
    assert any((tmp_path / "cache").iterdir())
    warm = load_rules([pack])
    assert warm.rules == cold.rules
    assert [r.matcher for r in warm.rules] == [r.matcher for r in cold.rules]
    pack.write_text(PACK.replace("severity: high", "severity: low"))
    assert load_rules([pack]).by_id()["custom.no-eval"].severity.label == "low"


def _run(code: str, cwd, env) -> str:
    import os

    r = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                       env={**os.environ, **env}, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().splitlines()[-1]


def test_warm_rule_loading_does_not_import_yaml(tmp_path):
    env = {"RAILGUARD_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    code = "import sys; from railguard.rules.loader import load_rules; load_rules(); print('yaml' in sys.modules)"
    assert _run(code, tmp_path, env) == "True"  # cold: parsed from YAML, cache written
    assert _run(code, tmp_path, env) == "False"


def test_hook_does_not_import_the_terminal_or_lsp_stack(tmp_path):
    env = {"RAILGUARD_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    (tmp_path / "x.py").write_text("import os\nos.getcwd()\n")
    code = ("import sys; from railguard.cli import main; main(['hook', 'x.py']); "
            "print(sorted(m for m in ('rich', 'pygls', 'lsprotocol', 'multiprocessing') if m in sys.modules))")
    assert _run(code, tmp_path, env) == "[]"


def test_a_cold_staged_hook_imports_no_terminal_lsp_or_socket_module(tmp_path):
    """`railguard hook --staged` as a plain git hook runs it, the resident process off: the client
    that would ask it does not import `socket`, nor the hook the terminal or language-server stack,
    nor what only a failure or a setup.cfg needs."""
    env = {"RAILGUARD_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT), "RAILGUARD_RESIDENT": "0",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "x.py").write_text("import os\nos.getcwd()\n")
    for args in (["init", "-q"], ["add", "x.py"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={"PATH": "/usr/bin:/bin", **env})
    code = ("import sys; from railguard.cli import main; rc = main(['hook', '--staged']); "
            "print(rc, sorted(m for m in ('rich', 'pygls', 'lsprotocol', 'multiprocessing', 'socket', 'yaml', "
            "'traceback', 'configparser') "
            "if m in sys.modules))")
    _run(code, repo, env)  # the first run parses the rule packs (yaml) and writes the caches
    assert _run(code, repo, env) == "0 []"


def test_an_edit_that_keeps_size_and_mtime_is_not_served_from_the_cache(tmp_path, monkeypatch):
    """A rule pack in a repository is data: size and mtime are the attacker's to choose."""
    import os

    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RAILGUARD_NO_RULE_CACHE", raising=False)
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK)
    stamp = pack.stat()
    assert load_rules([pack]).by_id()["custom.no-eval"].severity.label == "high"
    pack.write_text(PACK.replace("severity: high", "severity: info"))  # same length
    os.utime(pack, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert pack.stat().st_size == stamp.st_size and pack.stat().st_mtime_ns == stamp.st_mtime_ns
    assert load_rules([pack]).by_id()["custom.no-eval"].severity.label == "info"
