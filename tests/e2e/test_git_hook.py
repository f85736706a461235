"""The plain git hook path: `railguard install-hook`, then real `git commit`s."""

from __future__ import annotations

import json

import pytest

from railguard.engine.analyzers.base import ANALYZERS
from tests.githelpers import SAFE, VULN, Repo


@pytest.fixture
def repo(tmp_path):
    r = Repo(tmp_path / "repo", tmp_path)
    r.write("README.md", "demo\n")
    r.git("add", "README.md")
    r.git("commit", "-q", "-m", "init")
    result = r.railguard("install-hook", "--commit-msg")
    assert result.returncode == 0, result.stderr
    assert (r.path / ".git" / "hooks" / "pre-commit").exists()
    return r


def audit_entries(repo: Repo) -> list[dict]:
    log = repo.path / ".git" / "railguard" / "audit.jsonl"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_finding_blocks_commit_and_fixed_commit_passes(repo):
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    r = repo.commit("add loader")
    assert r.returncode != 0
    out = r.stdout + r.stderr
    assert "app.py:4:12: high python.yaml-load" in out  # place, severity, rule
    assert "fix: Use yaml.safe_load" in out  # the fix hint
    assert "commit blocked: 1 finding at the commit threshold" in out
    assert 'RAILGUARD_ALLOW="python.yaml-load: <reason>"' in out  # how to proceed
    assert repo.commits() == 1
    [entry] = audit_entries(repo)
    assert entry["event"] == "blocked" and entry["rules"] == ["python.yaml-load"]
    assert entry["user"] == "Test Dev <dev@example.com>" and entry["branch"] == "main"
    assert len(entry["tree"]) == 40 and len(entry["fingerprints"]) == 1

    repo.write("app.py", SAFE)
    repo.git("add", "app.py")
    r = repo.commit("safe loader")
    assert r.returncode == 0, r.stdout + r.stderr
    assert repo.commits() == 2


def test_staged_content_decides_not_the_work_tree(repo):
    # a finding only in an unstaged edit does not block ...
    repo.write("app.py", SAFE)
    repo.git("add", "app.py")
    repo.write("app.py", VULN)
    r = repo.commit("safe version staged")
    assert r.returncode == 0, r.stdout + r.stderr
    # ... and an unstaged fix does not hide a staged finding
    repo.git("add", "app.py")
    repo.write("app.py", SAFE)
    r = repo.commit("vulnerable version staged")
    assert r.returncode != 0
    assert "python.yaml-load" in r.stdout + r.stderr


def test_override_is_recorded_and_audit_verify_catches_an_edit(repo):
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    assert repo.commit("blocked").returncode != 0
    r = repo.commit("allowed", RAILGUARD_ALLOW="python.yaml-load: input comes from our own build step")
    assert r.returncode == 0, r.stdout + r.stderr
    entries = audit_entries(repo)
    assert [e["event"] for e in entries] == ["blocked", "override"]
    assert entries[1]["reason"] == "input comes from our own build step"
    assert entries[1]["prev"] != entries[0]["prev"]

    shown = repo.railguard("audit", "show")
    assert "override" in shown.stdout and "input comes from our own build step" in shown.stdout
    assert repo.railguard("audit", "verify").returncode == 0

    log = repo.path / ".git" / "railguard" / "audit.jsonl"
    log.write_text(log.read_text().replace("input comes from our own build step", "approved by security"))
    r = repo.railguard("audit", "verify")
    assert r.returncode == 1
    assert "hash chain broken" in r.stdout or "does not match" in r.stdout


def test_override_without_reason_is_refused(repo):
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    r = repo.commit("no reason", RAILGUARD_ALLOW="python.yaml-load")
    assert r.returncode != 0
    assert "a reason is required" in r.stdout + r.stderr
    assert audit_entries(repo) == []


def test_unreadable_config_blocks_with_how_to_proceed_and_fail_open_is_recorded(repo):
    repo.write(".railguard.toml", "exclude = [\n")  # broken TOML
    repo.write("app.py", SAFE)
    repo.git("add", "app.py", ".railguard.toml")
    r = repo.commit("broken config")
    out = r.stdout + r.stderr
    assert r.returncode != 0
    assert "could not check" in out and ".railguard.toml" in out and "invalid TOML" in out
    assert "RAILGUARD_FAIL_OPEN=1" in out
    r = repo.commit("broken config, fail open", RAILGUARD_FAIL_OPEN="1")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "fail-open let it through" in r.stdout + r.stderr
    entries = audit_entries(repo)  # the pre-commit and the commit-msg hook could not check
    assert {e["stage"] for e in entries} == {"pre-commit", "commit-msg"}
    assert all(e["event"] == "fail-open" and "invalid TOML" in e["reason"] for e in entries)


def test_ai_assisted_commit_meets_the_stricter_threshold(repo):
    # python.yaml-load as a medium finding: below the commit threshold (high), at the AI one (medium)
    repo.write(".railguard.toml", 'severity-overrides = { "python.yaml-load" = "medium" }\n')
    repo.write("app.py", VULN)
    repo.git("add", "app.py", ".railguard.toml")
    r = repo.commit("AI-assisted\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "AI-assisted commit (Co-Authored-By: Claude <noreply@anthropic.com>)" in out
    assert "python.yaml-load" in out
    r = repo.commit("written by hand\n\nCo-authored-by: Pat Doe <pat@example.com>")
    assert r.returncode == 0, r.stdout + r.stderr


def test_project_excludes_apply_to_staged_files(repo):
    repo.write(".railguard.toml", 'exclude = ["fixtures/"]\n')
    repo.write("fixtures/vulnerable.py", VULN)
    repo.git("add", ".")
    r = repo.commit("test data")
    assert r.returncode == 0, r.stdout + r.stderr


def test_install_hook_keeps_a_foreign_hook(tmp_path):
    r = Repo(tmp_path / "repo", tmp_path)
    hook = r.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\necho mine\n")
    result = r.railguard("install-hook")
    assert result.returncode == 2 and "not railguard's" in result.stderr
    assert hook.read_text() == "#!/bin/sh\necho mine\n"
    assert r.railguard("install-hook", "--force").returncode == 0
    assert (hook.parent / "pre-commit.railguard-backup").read_text() == "#!/bin/sh\necho mine\n"


def test_unavailable_analyzer_fails_closed_or_secrets_hook_blocks(repo):
    """`--analyzers secrets` (the railguard-secrets hook): blocks a leaked key once the secrets
    analyzer exists; before that it must block with a clear message, never pass silently."""
    repo.write("settings.py", 'AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYQ9"\n'
               'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLQ"\n')  # railguard: ignore[secrets.aws-access-key-id] test data for the secrets hook
    repo.git("add", "settings.py")
    r = repo.railguard("hook", "--staged", "--analyzers", "secrets")
    assert r.returncode != 0
    if "secrets" in ANALYZERS:
        assert "settings.py:" in r.stdout and "wJalrXUtnFEMI/K7MDENG" not in r.stdout
    else:
        assert "'secrets' is not available" in r.stdout
