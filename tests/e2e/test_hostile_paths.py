"""A repository's config and links cannot make railguard read or write outside it
(docs/security.md, "Paths" and "Symbolic links"). Real git, the CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.githelpers import VULN, Repo


@pytest.fixture
def repo(tmp_path):
    r = Repo(tmp_path / "repo", tmp_path)
    r.write("README.md", "demo\n")
    r.git("add", "README.md")
    r.git("commit", "-q", "-m", "init")
    return r


@pytest.mark.parametrize("key,line", [
    ("tool.railguard.hook.audit-log", '[hook]\naudit-log = "../../.bashrc"\n'),
    ("tool.railguard.hook.audit-log", '[hook]\naudit-log = "~/.profile"\n'),
    ("tool.railguard.cache-dir", 'cache-dir = "/tmp/railguard-elsewhere"\n'),
    ("tool.railguard.baseline", 'baseline = "../outside.json"\n'),
    ("tool.railguard.secrets.detect-secrets-baseline", '[secrets]\ndetect-secrets-baseline = "/etc/passwd"\n'),
])
def test_config_paths_outside_the_repository_are_refused(repo, key, line):
    repo.write(".railguard.toml", line)
    repo.write("app.py", VULN)
    repo.git("add", ".railguard.toml", "app.py")
    r = repo.railguard("scan", ".", "--no-cache")
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"'{key}'" in r.stdout + r.stderr and "leaves the repository" in r.stdout + r.stderr
    assert repo.railguard("install-hook").returncode == 0
    r = repo.railguard("hook", "--staged")
    assert r.returncode == 2 and f"'{key}'" in r.stdout + r.stderr, r.stdout + r.stderr
    r = repo.commit("vulnerable")
    assert r.returncode != 0 and "could not check it" in r.stdout + r.stderr, r.stdout + r.stderr
    assert repo.commits() == 1


def test_links_out_of_the_repository_are_not_written_through(repo, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink("../elsewhere", repo.path / ".railguard_cache")
    os.symlink("../elsewhere", repo.path / "logs")
    repo.write(".railguard.toml", 'cache-dir = ".railguard_cache"\n[hook]\naudit-log = "logs/audit.jsonl"\n')
    repo.write("app.py", VULN)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "links", "--no-verify")
    r = repo.railguard("scan", ".")
    assert r.returncode == 1 and "python.yaml-load" in r.stdout, r.stdout + r.stderr
    assert "cache-dir leaves the repository" in r.stdout + r.stderr
    assert repo.railguard("install-hook").returncode == 0
    repo.write("more.py", VULN)
    repo.git("add", "more.py")
    r = repo.commit("more", RAILGUARD_ALLOW="python.yaml-load: reviewed")
    assert "outside the repository" in r.stdout + r.stderr and r.returncode != 0, r.stdout + r.stderr
    assert list(outside.iterdir()) == []


def test_committed_links_out_of_the_repository_are_not_read(repo, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "private.py").write_text("PRIVATE_MARKER = 1\n" + VULN)
    os.symlink("../elsewhere/private.py", repo.path / "leak.py")
    os.symlink("../elsewhere", repo.path / "lib")
    repo.write("inside.py", "x = 1\n")
    os.symlink("inside.py", repo.path / "alias.py")  # a link that stays inside is followed
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "links", "--no-verify")
    r = repo.railguard("scan", ".", "-f", "concise", "--no-cache")
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "PRIVATE_MARKER" not in out and "private.py" not in out and "python.yaml-load" not in out
    assert out.count("symbolic link(s) leading out of the project") == 1
    assert "2 symbolic link(s)" in out


def test_tracked_environment_folders_are_scanned(repo):
    repo.write("venv/app.py", VULN)
    repo.write("node_modules/local-lib/index.py", VULN)
    repo.git("add", "-A", "-f")
    r = repo.railguard("scan", ".", "-f", "concise", "--no-cache")
    assert "venv/app.py:4:12" in r.stdout, r.stdout + r.stderr


EVIL = "(a|aa)+$"  # catastrophic backtracking on "aaaa...b" in Python's re


def test_repository_rule_pack_regexes_run_in_linear_time(repo):
    repo.write("rules/evil.yaml", f"""rules:
  - id: evil.text
    languages: [any]
    severity: high
    message: evil text
    regex: '{EVIL}'
  - id: evil.where
    languages: [python]
    severity: high
    message: evil where
    query: '(string) @s'
    where:
      - capture: s
        regex: '{EVIL}'
  - id: evil.secret
    analyzer: secrets
    detector: pattern
    languages: [any]
    severity: high
    message: evil secret
    pattern: '{EVIL}'
    keywords: [a]
""")
    repo.write(".railguard.toml", 'packs = ["rules"]\n[secrets]\ncustom-patterns = [{ name = "evil-custom", pattern = "(a|aa)+$", keywords = ["a"] }]\n')
    repo.write("data.txt", "a" * 40 + "b\n")
    repo.write("app.py", "x = '" + "a" * 40 + "b'\n")
    repo.git("add", "-A")
    # Python's re needs minutes on these 40 a's; RE2 needs microseconds (TimeoutExpired fails the test)
    r = subprocess.run([sys.executable, "-m", "railguard", "scan", ".", "--no-cache", "-f", "concise"],
                       cwd=repo.path, env=repo.env(), capture_output=True, text=True, timeout=90)
    assert r.returncode == 0 and "evil" not in r.stdout, r.stdout + r.stderr


def test_backtracking_only_syntax_is_refused_in_repository_packs(repo):
    repo.write("rules/refs.yaml", """rules:
  - id: evil.backref
    languages: [any]
    severity: high
    message: backreference
    regex: '(a+)\\1b'
  - id: evil.match
    languages: [python]
    severity: high
    message: predicate
    query: '((identifier) @i (#match? @i "^(a|aa)+$"))'
""")
    repo.write(".railguard.toml", 'packs = ["rules"]\n')
    repo.write("app.py", "x = 1\n")
    r = repo.railguard("scan", ".", "--no-cache", "-f", "concise")
    out = r.stdout + r.stderr
    assert r.returncode == 2, out
    assert "evil.backref" in out and "RE2" in out
    assert "evil.match" in out and "#match?" in out


def test_passwords_beside_a_finding_and_tokens_in_tag_characters_are_not_shown(repo):
    password, token = "Tr0ub4dor&3x-Qz", "ghp_" + "q7Kq2Vb9Lm4Np8Rt3Ws6Yz1Ac5De0Fg2Hj4K"  # railguard: ignore[secrets.github-token] test data
    hidden = "".join(chr(0xE0000 + ord(c)) for c in token)
    repo.write("client.py", "import os, requests\n"
                            f'r = requests.get(url, auth=("admin", "{password}"), verify=False)\n'
                            f'requests.post(u, verify=False, auth=HTTPBasicAuth("svc", "{password}"))\n'
                            f"os.system(x)  # {hidden}\n")
    for fmt in ("text", "json", "sarif"):
        r = repo.railguard("scan", ".", "--no-cache", "-f", fmt)
        out = r.stdout + r.stderr
        assert "python.tls-verify-disabled" in out or "tls-verify" in out, out
        assert password not in out and token not in out and hidden[:8] not in out, (fmt, out)
    assert "hidden tag characters" in repo.railguard("scan", ".", "--no-cache", "-f", "json").stdout
