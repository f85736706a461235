"""A real editor: Neovim's built-in LSP client against `railguard lsp`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.lsp_client import server_env

SCRIPT = Path(__file__).with_name("neovim_client.lua")


def nvim_or_fail() -> str:
    nvim = shutil.which("nvim")
    if nvim is None:
        message = "nvim is not installed (Debian: apt-get install -y neovim; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + "; this test runs in CI")
    return nvim


def test_neovim_shows_diagnostics_and_applies_a_quick_fix(tmp_path: Path):
    nvim = nvim_or_fail()
    (tmp_path / ".git").mkdir()
    app = tmp_path / "app.py"
    app.write_text("import yaml\n\n\ndef read(fh):\n    return yaml.load(fh)\n")
    out = tmp_path / "report.json"
    env = {**server_env(), "RG_FILE": str(app), "RG_ROOT": str(tmp_path), "RG_OUT": str(out),
           "RG_PYTHON": sys.executable, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}"],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.exists(), f"nvim wrote no report (exit {proc.returncode}): {proc.stdout} {proc.stderr}"
    report = json.loads(out.read_text())
    assert report["errors"] == [], report
    [diag] = report["diagnostics"]
    assert (diag["lnum"], diag["col"], diag["source"], diag["code"]) == (4, 11, "railguard", "python.yaml-load")
    assert "CWE-502" in diag["message"]
    assert any(title.startswith("Suppress python.yaml-load") for title in report["actions"])
    assert report["text"][4] == "    return yaml.safe_load(fh)"
    assert report["after"] == 0
