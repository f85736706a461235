"""`railguard scan --profile` names the slowest rules and files, as a subprocess."""

from __future__ import annotations

import subprocess
import sys


def test_profile_names_the_rules_and_files_that_took_the_time(tmp_path):
    (tmp_path / "loader.py").write_text("import yaml\n\n\ndef load(fh):\n    return yaml.load(fh)\n")
    (tmp_path / "clean.py").write_text("def add(a, b):\n    return a + b\n")
    (tmp_path / "settings.py").write_text('API_TOKEN = "token-value-here"\n')
    proc = subprocess.run([sys.executable, "-m", "railguard", "scan", "--profile", "--format", "json", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # the finding is reported as without --profile
    assert "python.yaml-load" in proc.stdout
    err = proc.stderr
    assert "profile: 3 file(s) scanned" in err
    analyzers = err.split("analyzers:")[1].split("slowest rules")[0]
    assert "query" in analyzers
    rules = err.split("slowest rules")[1].split("slowest files")[0]
    assert "python.yaml-load" in rules  # its match was checked, so its time is listed
    assert "(secrets)" in rules  # a secrets detector whose keyword occurs ran on a line
    files = err.split("slowest files")[1]
    assert "loader.py" in files and "clean.py" in files and "settings.py" in files


def test_without_profile_nothing_is_timed(tmp_path):
    (tmp_path / "loader.py").write_text("import yaml\n\n\ndef load(fh):\n    return yaml.load(fh)\n")
    proc = subprocess.run([sys.executable, "-m", "railguard", "scan", "--format", "json", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert "slowest files" not in proc.stderr
