"""A repository's railguard config that weakens railguard is a finding it cannot switch off
(docs/security.md, "Weakening is visible"). Real git, the CLI and the installed git hook."""

from __future__ import annotations

import json

import pytest

from tests.githelpers import VULN, Repo

RULE = "policy.config-weakens-guardrail"


@pytest.fixture
def repo(tmp_path):
    r = Repo(tmp_path / "repo", tmp_path)
    r.write("README.md", "demo\n")
    r.git("add", "README.md")
    r.git("commit", "-q", "-m", "init")
    r.write("app.py", VULN)
    return r


def _findings(r) -> list[dict]:
    return [f for f in json.loads(r.stdout)["findings"] if f["rule_id"] == RULE]


@pytest.mark.parametrize("name,text,severity", [
    (".railguard.toml", 'disable = ["*"]\n', "high"),
    (".railguard.toml", 'exclude = ["*"]\n', "high"),  # the config excludes itself
    (".railguard.toml", 'exclude = ["*.py"]\nanalyzers = ["text"]\n', "high"),
    ("pyproject.toml", '[tool.railguard]\nmax-file-size = 10\n', "medium"),
    # the rule judging the config cannot be disabled, downgraded or thresholded away by it
    (".railguard.toml", f'disable = ["{RULE}", "ai"]\nanalyzers = ["query"]\n[severity-overrides]\n"{RULE}" = "info"\n'
                        '[thresholds]\nci = { severity = "critical", confidence = "high" }\n', "medium"),
])
def test_ci_reports_a_config_that_weakens_railguard(repo, name, text, severity):
    repo.write(name, text)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "quieter", "--no-verify")
    r = repo.railguard("scan", ".", "-f", "json", "--no-cache")
    assert r.returncode == 1, r.stdout + r.stderr
    found = _findings(r)
    assert found and {f["path"] for f in found} == {name}, found
    assert severity in {f["severity"] for f in found}


def test_the_commit_gate_blocks_a_config_that_switches_railguard_off(repo):
    repo.write(".railguard.toml", 'disable = ["*"]\n[thresholds]\ncommit = { severity = "critical" }\n')
    repo.git("add", "-A")
    assert repo.railguard("install-hook").returncode == 0
    r = repo.commit("quiet")
    out = r.stdout + r.stderr
    assert r.returncode != 0 and repo.commits() == 1, out
    assert f".railguard.toml:1:1: high {RULE}" in out and "every rule is disabled" in out
    # only the user can accept it, and that is recorded
    r = repo.railguard("hook", "--staged", "--accept-weakened-config")
    assert r.returncode == 0, r.stdout + r.stderr
    log = (repo.path / ".git" / "railguard" / "audit.jsonl").read_text()
    assert '"event": "weakened-config-accepted"' in log and RULE in log


def test_the_user_level_config_accepts_it(repo, tmp_path):
    user = tmp_path / "user-config"
    user.mkdir()
    (user / "config.toml").write_text("accept-weakened-config = true\n")
    repo.write(".railguard.toml", 'disable = ["python.yaml-load"]\n')
    repo.git("add", "-A")
    r = repo.railguard("scan", ".", "-f", "json", "--no-cache", RAILGUARD_CONFIG_DIR=str(user))
    assert r.returncode == 0 and not _findings(r), r.stdout + r.stderr
    assert "weakening setting(s) accepted (accept-weakened-config in" in r.stderr
    # the repository cannot accept it for itself: the user-level keys are unknown to it
    repo.write(".railguard.toml", 'disable = ["python.yaml-load"]\naccept-weakened-config = true\n')
    r = repo.railguard("scan", ".", "--no-cache")
    assert r.returncode == 2 and "unknown key 'tool.railguard.accept-weakened-config'" in r.stdout + r.stderr
