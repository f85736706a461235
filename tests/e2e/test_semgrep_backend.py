"""The semgrep backend with the real semgrep binary (installed from the `semgrep` extra)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.slow

APP = '''from flask import Flask, request

app = Flask(__name__)


@app.route("/users")
def users(db):
    name = request.args.get("name")
    return db.execute("SELECT * FROM users WHERE name = '" + name + "'")


@app.route("/go")
def go():
    return redirect(request.args.get("next"))  # nosemgrep: semgrep.python.open-redirect
'''


def semgrep_or_fail() -> str:
    exe = shutil.which("semgrep")
    assert exe, "semgrep is not installed: bash tools/test.sh installs it (so does CI)"
    return exe


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "app.py").write_text(APP)
    return tmp_path


def test_bundled_semgrep_pack_passes_semgrep_test():
    exe = semgrep_or_fail()
    r = subprocess.run([exe, "--test", "--metrics=off", "--disable-version-check", "railguard/rules/semgrep"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "All tests passed" in r.stdout + r.stderr


def test_scan_with_semgrep_enabled_merges_results(project):
    semgrep_or_fail()
    (project / ".railguard.toml").write_text("[semgrep]\nenabled = true\n")
    r = run_cli("scan", ".", "--no-cache", "-f", "json", cwd=project, timeout=600)
    assert r.returncode == 1, r.stderr
    findings = json.loads(r.stdout)["findings"]
    on_sql_line = [f for f in findings if f["range"]["start"]["line"] == 9]
    # semgrep and the native rules see the same SQL injection: reported once
    assert len([f for f in on_sql_line if "CWE-89" in f["cwe"]]) == 1, on_sql_line
    assert not [f for f in findings if f["rule_id"] == "semgrep.python.open-redirect"]  # nosemgrep
    sarif = json.loads(run_cli("scan", ".", "--no-cache", "-f", "sarif", cwd=project, timeout=600).stdout)
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_semgrep_only_findings_carry_rule_metadata(project):
    semgrep_or_fail()
    (project / ".railguard.toml").write_text('analyzers = ["text"]\n[semgrep]\nenabled = true\n')
    r = run_cli("scan", ".", "--no-cache", "-f", "sarif", cwd=project, timeout=600)
    run = json.loads(r.stdout)["runs"][0]
    ids = {res["ruleId"] for res in run["results"]}
    assert "semgrep.python.tainted-sql" in ids
    rule = next(d for d in run["tool"]["driver"]["rules"] if d["id"] == "semgrep.python.tainted-sql")
    assert "external/cwe/cwe-89" in rule["properties"]["tags"]
    assert rule["properties"]["precision"] == "high"


def test_project_semgrep_rules_run_too(project):
    semgrep_or_fail()
    rules = project / "rules"
    rules.mkdir()
    (rules / "no-print.yaml").write_text(
        "rules:\n  - id: acme.no-print\n    languages: [python]\n    severity: INFO\n"
        "    message: no print in services\n    pattern: print(...)\n"
        "    metadata: {cwe: ['CWE-532: Insertion of Sensitive Information into Log File']}\n"
    )
    (project / "svc.py").write_text("print('token', t)\n")
    (project / ".railguard.toml").write_text('analyzers = ["text"]\n[semgrep]\nconfigs = ["rules/"]\n'
                                             "include-bundled = false\n")
    # only the text analyzer besides semgrep: a weakened config, accepted here so that only semgrep reports
    r = run_cli("scan", ".", "--no-cache", "-f", "json", "--severity", "info", "--confidence", "low",
                "--accept-weakened-config", cwd=project, timeout=600)
    findings = json.loads(r.stdout)["findings"]
    assert [(f["rule_id"], f["path"], f["cwe"]) for f in findings] == [("acme.no-print", "svc.py", ["CWE-532"])]


def test_registry_config_is_refused_without_network(project):
    (project / ".railguard.toml").write_text('[semgrep]\nconfigs = ["p/python"]\n')
    r = run_cli("scan", ".", "--no-cache", "-f", "concise", cwd=project, timeout=600)
    assert r.returncode == 2
    assert "p/python" in r.stdout and "registry config" in r.stdout and "network" in r.stdout


@pytest.mark.parametrize("fail_closed, code", [(True, 2), (False, 1)])
def test_semgrep_missing_is_one_clear_notice(project, fail_closed, code):
    (project / ".railguard.toml").write_text(f"[semgrep]\nenabled = true\nfail-closed = {str(fail_closed).lower()}\n")
    r = run_cli("scan", ".", "--no-cache", "-f", "concise", cwd=project,
                env={"RAILGUARD_SEMGREP": str(project / "no-such-semgrep")}, timeout=600)
    assert r.returncode == code, r.stdout
    assert r.stdout.count("semgrep is enabled but not installed") == 1
    assert "python.sql" in r.stdout or "taint.python" in r.stdout  # native analyzers are unaffected


def test_commit_surface_does_not_run_semgrep_by_default(project):
    (project / ".railguard.toml").write_text("[semgrep]\nenabled = true\n")
    r = run_cli("scan", ".", "--no-cache", "--surface", "commit", "-f", "concise", cwd=project,
                env={"RAILGUARD_SEMGREP": str(project / "no-such-semgrep")}, timeout=600)
    assert "semgrep" not in r.stdout.replace("nosemgrep", "")
