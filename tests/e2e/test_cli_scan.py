"""`railguard scan` as a user runs it: a subprocess, real files, every format and exit code."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_SCHEMAS, run_cli

VULN = "import yaml\n\ndef load(text):\n    return yaml.load(text)\n"
SAFE = "import yaml\n\ndef load(text):\n    return yaml.safe_load(text)\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()  # a project root without running git
    (tmp_path / "app.py").write_text(VULN)
    (tmp_path / "ok.py").write_text(SAFE)
    return tmp_path


def test_text_output_and_exit_code_one(project):
    r = run_cli("scan", ".", "--no-cache", cwd=project)
    assert r.returncode == 1, r.stderr
    assert "app.py:4:12" in r.stdout
    assert "python.yaml-load" in r.stdout
    assert "\x1b[" not in r.stdout  # no colour when not a terminal
    assert "1 finding" in r.stdout


def test_clean_tree_exits_zero(project):
    (project / "app.py").write_text(SAFE)
    r = run_cli("scan", ".", "--no-cache", cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 findings" in r.stdout


def test_json_output(project):
    r = run_cli("scan", ".", "-f", "json", "--no-cache", cwd=project)
    data = json.loads(r.stdout)
    (f,) = data["findings"]
    assert f["rule_id"] == "python.yaml-load"
    assert f["path"] == "app.py"
    assert f["range"]["start"] == {"line": 4, "column": 12}
    assert f["cwe"] == ["CWE-502"]
    assert len(f["fingerprint"]) == 32
    assert f["fix"]["edits"][0]["new_text"] == "safe_load"
    assert data["summary"]["files"] == 2


def test_sarif_validates_against_the_oasis_schema(project):
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED_SCHEMAS / "sarif-schema-2.1.0.json"
    assert schema_path.exists(), f"missing {schema_path}"
    r = run_cli("scan", ".", "-f", "sarif", "--no-cache", cwd=project)
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, json.loads(schema_path.read_text()))
    run = doc["runs"][0]
    (result,) = run["results"]
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == "python.yaml-load"
    assert "external/cwe/cwe-502" in rule["properties"]["tags"]
    assert float(rule["properties"]["security-severity"]) >= 7.0
    assert "Why is this bad?" in rule["help"]["markdown"]
    assert result["partialFingerprints"]["railguard/v1"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (4, 12)


def test_output_file_is_written(project):
    r = run_cli("scan", ".", "-f", "sarif", "-o", "out/report.sarif", "--no-cache", cwd=project)
    assert r.returncode == 1
    assert json.loads((project / "out" / "report.sarif").read_text())["version"] == "2.1.0"
    assert r.stdout == ""


def test_threshold_flags(project):
    r = run_cli("scan", ".", "--severity", "critical", "--no-cache", cwd=project)
    assert r.returncode == 0


def test_baseline_survives_moved_and_reindented_code(project):
    r = run_cli("baseline", "create", ".", cwd=project)
    assert r.returncode == 0, r.stderr
    base = json.loads((project / ".railguard-baseline.json").read_text())
    assert base["findings"][0]["rule_id"] == "python.yaml-load"
    assert "line" not in json.dumps(base["findings"])
    # move the finding down and re-indent the file: still accepted
    moved = "import yaml\n\n\n# a comment\nclass A:\n    def load(self, text):\n        return   yaml.load( text)\n"
    (project / "app.py").write_text(moved)
    r = run_cli("scan", ".", "--baseline", ".railguard-baseline.json", "--no-cache", cwd=project)
    assert r.returncode == 0, r.stdout
    # a new finding is reported
    (project / "new.py").write_text(VULN)
    r = run_cli("scan", ".", "--baseline", ".railguard-baseline.json", "--no-cache", cwd=project)
    assert r.returncode == 1 and "new.py" in r.stdout and "app.py" not in r.stdout


def test_malformed_baseline_is_one_clear_line(project):
    (project / "bad.json").write_text("{not json")
    r = run_cli("scan", ".", "--baseline", "bad.json", "--no-cache", cwd=project)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0
    assert "bad.json" in r.stderr and "not valid JSON" in r.stderr


def test_unknown_config_key_exits_two(project):
    (project / ".railguard.toml").write_text("colour = 'red'\n")
    r = run_cli("scan", ".", cwd=project)
    assert r.returncode == 2
    assert ".railguard.toml" in r.stderr and "tool.railguard.colour" in r.stderr


def test_missing_path_is_reported_and_others_still_scanned(project):
    r = run_cli("scan", "app.py", "nope.py", "--no-cache", "-f", "concise", cwd=project)
    assert r.returncode == 2
    assert "nope.py: does not exist" in r.stdout
    assert "python.yaml-load" in r.stdout


def test_bad_inputs_do_not_stop_the_scan(project):
    (project / "blob.py").write_bytes(b"\x00\x01\x02yaml.load(x)\x00" * 100)
    (project / "latin1.py").write_bytes(b"# caf\xe9\nimport yaml\nyaml.load(s)\n")
    (project / "empty.py").write_bytes(b"")
    with open(project / "huge.py", "wb") as fh:
        fh.write(b"x = 1\n" * (50 * 1024 * 1024 // 6))
    os.symlink(project, project / "loop")
    r = run_cli("scan", ".", "--no-cache", "-f", "concise", cwd=project)
    out = r.stdout
    assert "blob.py: skipped: binary file" not in out  # skipped files are quiet in concise output
    assert "latin1.py:3:1: high python.yaml-load" in out
    assert "app.py:4:12" in out
    assert r.returncode == 1
    j = json.loads(run_cli("scan", ".", "--no-cache", "-f", "json", cwd=project).stdout)
    notices = {n["path"]: n["message"] for n in j["notices"]}
    assert notices["blob.py"] == "skipped: binary file"
    assert "max-file-size" in notices["huge.py"]
    assert "not valid UTF-8" in notices["latin1.py"]


def test_unreadable_file_is_an_error_but_the_rest_is_scanned(project, monkeypatch, capsys):
    locked = project / "locked.py"
    locked.write_text(VULN)
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads anything: make this one file unreadable the way the OS would
        real = Path.read_bytes

        def read_bytes(self):
            if self.name == "locked.py":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    from railguard.cli import main

    monkeypatch.chdir(project)
    rc = main(["scan", ".", "--no-cache", "-f", "concise"])
    out = capsys.readouterr().out
    assert rc == 2, out
    assert "locked.py: cannot read: Permission denied" in out
    assert "app.py:4:12" in out


def test_ten_thousand_small_files(tmp_path):
    (tmp_path / ".git").mkdir()
    for i in range(10_000):
        d = tmp_path / f"d{i // 500}"
        d.mkdir(exist_ok=True)
        (d / f"m{i}.py").write_text("x = 1\n" if i != 7777 else VULN)
    r = run_cli("scan", ".", "--no-cache", "-f", "json", cwd=tmp_path, timeout=300)
    data = json.loads(r.stdout)
    assert data["summary"]["files"] == 10_000
    assert [f["path"] for f in data["findings"]] == ["d15/m7777.py"]


def test_excludes_apply_to_explicit_files(project):
    (project / ".railguard.toml").write_text('exclude = ["app.py"]\n')
    r = run_cli("scan", "app.py", "--no-cache", cwd=project)
    assert r.returncode == 0


def test_gitignore_is_honoured_outside_git(tmp_path):
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "gen.py").write_text(VULN)
    (tmp_path / "src.py").write_text(VULN)
    data = json.loads(run_cli("scan", ".", "--no-cache", "-f", "json", cwd=tmp_path).stdout)
    assert [f["path"] for f in data["findings"]] == ["src.py"]


def test_second_scan_uses_the_cache(project, tmp_path_factory):
    user_cache = tmp_path_factory.mktemp("user-cache")
    env = {"RAILGUARD_CACHE_DIR": str(user_cache)}
    first = json.loads(run_cli("scan", ".", "-f", "json", cwd=project, env=env).stdout)
    assert not (project / ".railguard_cache").exists()  # the user's cache dir, not the repository
    assert list(user_cache.rglob("scan-*.json"))
    second = json.loads(run_cli("scan", ".", "-f", "json", cwd=project, env=env).stdout)
    assert first["findings"] == second["findings"]
    (project / "app.py").write_text(SAFE)
    third = json.loads(run_cli("scan", ".", "-f", "json", cwd=project, env=env).stdout)
    assert third["findings"] == []


def test_scan_path_does_not_import_the_language_server_stack(project):
    code = (
        "import sys\nfrom railguard.cli import main\n"
        "rc = main(['scan', '.', '--no-cache', '-f', 'json', '-o', 'r.json'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'detect_secrets'))\n"
        "print(','.join(bad))\n"
    )
    import subprocess

    r = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ""


def test_rules_list_and_explain():
    r = run_cli("rules", "list")
    assert r.returncode == 0 and "python.yaml-load" in r.stdout
    r = run_cli("rules", "explain", "python.yaml-load")
    assert r.returncode == 0
    for part in ("What it does", "Why is this bad?", "Use instead", "CWE-502"):
        assert part in r.stdout
    r = run_cli("rules", "explain", "python.nope")
    assert r.returncode == 2


def test_readme_example_scan_reports_findings():
    dest = ROOT / "examples"
    r = run_cli("scan", str(dest), "--no-cache", "-f", "json", cwd=ROOT)
    data = json.loads(r.stdout)
    assert r.returncode == 1
    assert len(data["findings"]) >= 1
    assert shutil.which("git") is not None
