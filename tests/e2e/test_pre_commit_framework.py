"""railguard's hooks under the real pre-commit framework, installed from a clone of this
checkout the way users install them (`repo:` + `rev:` in .pre-commit-config.yaml).

Building the hook's environment takes several seconds (a pip install from the package
index), so the module shares one pre-commit store: the environment is built once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from railguard.engine.analyzers.base import ANALYZERS
from tests.conftest import ROOT
from tests.githelpers import SAFE, VULN, Repo, git_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """(a committed clone of this checkout's current content, its rev, a shared PRE_COMMIT_HOME)."""
    home = tmp_path_factory.mktemp("pc")
    src = home / "railguard-src"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file() and not name.startswith(("tests/", "bench/", "examples/", ".ci")):
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    repo = Repo(src, home, pythonpath=False)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "snapshot")
    return src, repo.head(), home


def framework_repo(tmp_path, store, hooks: list[str]) -> Repo:
    src, rev, home = store
    repo = Repo(tmp_path / "work", tmp_path, pythonpath=False, extra_env={"PRE_COMMIT_HOME": str(home / "cache")})
    listed = "\n".join(f"      - id: {h}" for h in hooks)
    repo.write(".pre-commit-config.yaml", f"repos:\n  - repo: {src}\n    rev: {rev}\n    hooks:\n{listed}\n")
    repo.write(".railguard.toml", 'exclude = ["fixtures/"]\n')
    repo.git("add", ".")
    repo.git("commit", "-q", "-m", "init", "--no-verify")
    r = subprocess.run([sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-commit",
                        "--hook-type", "commit-msg"], cwd=repo.path, env=repo.env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return repo


def test_commit_flow_under_the_framework(tmp_path, store):
    repo = framework_repo(tmp_path, store, ["railguard", "railguard-ai-commits"])

    # a commit that adds a finding is blocked, with a readable message
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    r = repo.commit("add loader")
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "app.py:4:12: high python.yaml-load" in out
    assert "commit blocked: 1 finding at the commit threshold" in out
    assert repo.commits() == 1

    # a finding only in an unstaged edit does not block (the framework stashes it)
    repo.write("app.py", SAFE)
    repo.git("add", "app.py")
    repo.write("app.py", VULN)
    r = repo.commit("safe version staged")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (repo.path / "app.py").read_text() == VULN  # the unstaged edit is back

    # an override lets it through and lands in the audit log
    repo.git("add", "app.py")
    r = repo.commit("accepted", RAILGUARD_ALLOW="python.yaml-load: reads our own signed config")
    assert r.returncode == 0, r.stdout + r.stderr
    log = repo.path / ".git" / "railguard" / "audit.jsonl"
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["event"] for e in entries] == ["blocked", "override"]
    assert entries[1]["reason"] == "reads our own signed config" and entries[1]["rules"] == ["python.yaml-load"]

    # the fixed commit passes; excluded test data passes too (project excludes, passed files)
    repo.write("app.py", SAFE)
    repo.write("fixtures/vulnerable.py", VULN)
    repo.git("add", ".")
    r = repo.commit("fix and fixtures")
    assert r.returncode == 0, r.stdout + r.stderr

    # files the framework passes explicitly (--all-files) still honour the project's excludes
    repo.write("more.py", VULN)
    repo.git("add", "more.py")
    r = subprocess.run([sys.executable, "-m", "pre_commit", "run", "railguard", "--all-files"], cwd=repo.path,
                       env=repo.env(), capture_output=True, text=True, timeout=600)
    assert r.returncode == 1
    assert "more.py:4:12" in r.stdout and "fixtures/vulnerable.py" not in r.stdout
    repo.git("rm", "-q", "--cached", "more.py")

    # audit verify catches an edited entry
    log.write_text(log.read_text().replace("reads our own signed config", "approved"))
    verify = subprocess.run([sys.executable, "-m", "railguard", "audit", "verify"], cwd=repo.path,
                            env=git_env(tmp_path), capture_output=True, text=True)
    assert verify.returncode == 1, verify.stdout + verify.stderr


def test_secrets_hook_under_the_framework(tmp_path, store):
    repo = framework_repo(tmp_path, store, ["railguard-secrets"])
    repo.write("settings.py", 'GITHUB_TOKEN = "ghp_' + "x7Kq2Vb9Lm4Np8Rt3Ws6Yz1Ac5De0Fg2Hj4K" + '"\n')  # railguard: ignore[secrets.github-token] test data
    repo.git("add", "settings.py")
    r = repo.commit("settings")
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    if "secrets" in ANALYZERS:
        assert "settings.py:1" in out
        assert "x7Kq2Vb9Lm4Np8Rt3Ws6Yz1Ac5De0Fg2Hj4K" not in out  # never printed in full
    else:  # the analyzer has not landed: the hook must say so, not pass silently
        assert "'secrets' is not available" in out


def test_framework_hook_runs_no_code_from_the_repository(tmp_path, store):
    from tests.e2e.test_hostile_hooks import SHADOWS, hostile_package

    repo = framework_repo(tmp_path, store, ["railguard"])
    marker = tmp_path / "pwned"
    # not yaml.py: the framework's own git hook runs `python -mpre_commit` in the repository's top
    # folder and imports a committed yaml.py itself, before railguard starts (docs/security.md)
    hostile_package(repo, marker, SHADOWS)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "the attacker's package", "--no-verify")
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    r = repo.commit("vulnerable")
    assert not marker.exists(), marker.read_text()
    assert r.returncode != 0 and "python.yaml-load" in r.stdout + r.stderr, r.stdout + r.stderr


def test_framework_hook_ignores_an_untracked_config(tmp_path, store):
    """The framework stashes unstaged edits but leaves untracked files: the gate reads the index."""
    repo = framework_repo(tmp_path, store, ["railguard"])
    repo.git("rm", "-q", "--cached", ".railguard.toml")
    repo.git("commit", "-q", "-m", "config untracked", "--no-verify")
    repo.write(".railguard.toml", 'disable = ["*"]\nexclude = ["*.py"]\n')
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    r = repo.commit("vulnerable")
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "app.py:4:12: high python.yaml-load" in out, out
    assert ".railguard.toml: untracked: ignored by the commit gate" in out


@pytest.mark.parametrize("hook", ["railguard", "railguard-secrets"])
def test_a_nul_byte_does_not_carry_a_key_past_the_framework(tmp_path, store, hook):
    """identify calls a file with a NUL byte binary: the hooks take every file, and the gate
    checks a staged file it skips as binary for secrets."""
    repo = framework_repo(tmp_path, store, [hook])
    key = "ghp_" + "x7Kq2Vb9Lm4Np8Rt3Ws6Yz1Ac5De0Fg2Hj4K"  # railguard: ignore[secrets.github-token] test data
    # no extension identify knows: it reads the content, sees the NUL and tags the file binary
    (repo.path / "deploy_credentials").write_bytes(f"GITHUB_TOKEN={key}\n#\0\n".encode())
    repo.git("add", "deploy_credentials")
    r = repo.commit("settings")
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "deploy_credentials:1:14: critical secrets.github-token" in out, out
    assert key not in out
