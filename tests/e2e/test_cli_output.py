"""Output that scales: skipped files in one line, grouped fix hints, evidence cut around the
match, the threshold stated in JSON and SARIF, and the excludes listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROUTE = "import os\n\n\ndef run{n}(cmd):\n    os.system(cmd)\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "app.py").write_text("".join(ROUTE.format(n=n) for n in range(4)))
    (tmp_path / "long.py").write_text("import os\nos.system(x); " + "y = 1; " * 3000 + "\n")
    # a suppression without a rule id: reported at low severity, below the default CI threshold
    (tmp_path / "weak.py").write_text("import pickle\ndata = pickle.loads(b)  # railguard: ignore\n")
    for n in range(5):
        (tmp_path / f"blob{n}.bin").write_bytes(b"\0\1\2" * 10)
    return tmp_path


def test_text_output_summarises_skipped_files_and_groups_hints(cli, project: Path) -> None:
    out = cli("scan", ".", "--no-cache", cwd=project)
    assert out.returncode == 1, out.stderr
    assert "skipped 5 files (5 binary file); -v lists them" in out.stdout
    assert "blob0.bin" not in out.stdout
    assert out.stdout.count("fix: ") == 1 and "(the same for 4 more python.os-system findings below)" in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) < 200  # the 21 KB line is cut around the match
    assert "1 below the threshold" in out.stdout
    verbose = cli("scan", ".", "--no-cache", "-v", cwd=project)
    assert all(f"blob{n}.bin: skipped: binary file" in verbose.stdout for n in range(5))


def test_json_and_sarif_state_the_threshold_and_what_fell_below_it(cli, project: Path) -> None:
    data = json.loads(cli("scan", ".", "--no-cache", "-f", "json", cwd=project).stdout)
    assert data["summary"]["threshold"] == {"severity": "medium", "confidence": "medium"}
    assert data["summary"]["below_threshold"] == 1 and data["summary"]["findings"] == 5
    everything = json.loads(cli("scan", ".", "--no-cache", "-f", "json", "--all", cwd=project).stdout)
    assert everything["summary"]["threshold"] is None and everything["summary"]["findings"] == 6
    sarif = json.loads(cli("scan", ".", "--no-cache", "-f", "sarif", cwd=project).stdout)
    props = sarif["runs"][0]["invocations"][0]["properties"]
    assert props["threshold"] == {"severity": "medium", "confidence": "medium"} and props["belowThreshold"] == 1


def test_show_excludes_lists_the_defaults_and_the_configured_ones(cli, project: Path) -> None:
    (project / ".railguard.toml").write_text('exclude = ["legacy/"]\ninclude = ["vendor/ours/"]\n')
    out = cli("scan", "--show-excludes", cwd=project)
    assert out.returncode == 0
    for word in ("legacy/", "vendor/ours/", "node_modules/", "dist/", "package-lock.json", "*.map", "pyvenv.cfg",
                 "minified", "generated", "webpack", "*.po", "tests/"):
        assert word in out.stdout, word
