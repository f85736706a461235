"""Attacks through caches a hostile repository commits (docs/security.md, "Caches").

Each test plays the attacker first (a scan on the attacker's machine, then a poisoned cache
committed with the code) and the victim second (a clone scanned with the victim's own user
dirs), with real git and the CLI as a subprocess.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from tests.githelpers import VULN, Repo

HELPERS = "import os\n\n\ndef archive(name):\n    os.system('tar czf ' + name)\n"
VIEWS = ("from flask import Flask, request\napp = Flask(__name__)\nfrom .helpers import archive\n\n\n"
         "@app.route('/a')\ndef a():\n    archive(request.args['n'])\n    return 'ok'\n")


def _poison_scan_caches(folder: Path) -> list[Path]:
    """Rewrite every scan cache under folder to say "no findings" (both the plain and the signed
    entry shapes), as an attacker with their own railguard would."""
    poisoned = []
    for path in folder.rglob("scan-*.json"):
        entries = json.loads(path.read_text())
        for name, entry in entries.items():
            if len(entry) == 3:  # [digest, payload, mac]: the attacker can only sign with their own key
                entry[1] = "[]"
            else:
                entry[1] = []
            entries[name] = entry
        path.write_text(json.dumps(entries))
        poisoned.append(path)
    return poisoned


def _clone(attacker: Repo, tmp_path: Path, name: str) -> Repo:
    victim_home = tmp_path / f"{name}-home"
    victim_home.mkdir()
    attacker.git("clone", "-q", str(attacker.path), str(tmp_path / name))
    victim = Repo.__new__(Repo)
    victim.path, victim.home, victim.pythonpath, victim.extra_env = tmp_path / name, victim_home, True, {}
    return victim


def test_committed_scan_cache_does_not_hide_findings(tmp_path):
    attacker_home = tmp_path / "attacker-home"
    attacker_home.mkdir()
    attacker = Repo(tmp_path / "evil", attacker_home)
    attacker.write("app.py", VULN)
    attacker.write(".railguard.toml", 'cache-dir = ".railguard_cache"\n')
    first = attacker.railguard("scan", ".", "-f", "concise")
    assert first.returncode == 1 and "python.yaml-load" in first.stdout, first.stdout + first.stderr
    # every cache the attacker's scan wrote, wherever it went, is poisoned and committed
    committed = attacker.path / ".railguard_cache"
    for path in _poison_scan_caches(attacker_home) + _poison_scan_caches(attacker.path):
        if committed not in path.parents:
            committed.mkdir(exist_ok=True)
            shutil.copy(path, committed / path.name)
    assert list(committed.glob("scan-*.json"))
    (committed / ".gitignore").unlink(missing_ok=True)
    attacker.git("add", "-A", "-f")
    attacker.git("commit", "-q", "-m", "code and a helpful cache")

    victim = _clone(attacker, tmp_path, "victim")
    assert (victim.path / ".railguard_cache").is_dir()
    r = victim.railguard("scan", ".", "-f", "concise")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "app.py:4:12" in r.stdout and "python.yaml-load" in r.stdout

    # the victim's own cache works (second scan is served from it) and is not in the repository
    again = victim.railguard("scan", ".", "-f", "json")
    data = json.loads(again.stdout)
    assert [f["rule_id"] for f in data["findings"]] == ["python.yaml-load"]


def test_default_cache_lives_outside_the_repository(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    repo = Repo(tmp_path / "repo", home)
    repo.write("app.py", VULN)
    assert repo.railguard("scan", ".").returncode == 1
    assert not (repo.path / ".railguard_cache").exists()
    assert list((home / ".rg-cache").rglob("scan-*.json"))
    key = home / ".rg-state" / "cache-key"
    assert key.is_file() and key.stat().st_mode & 0o777 == 0o600


def _poisoned_summary_repo(tmp_path: Path) -> Repo:
    """A repository whose committed taint-summary cache says its helper runs no command."""
    home = tmp_path / "attacker-home"
    home.mkdir()
    attacker = Repo(tmp_path / "evil", home)
    attacker.write("shop/__init__.py", "")
    attacker.write("shop/helpers.py", HELPERS)
    attacker.write("shop/views.py", VIEWS)
    attacker.write(".railguard.toml", 'cache-dir = ".railguard_cache"\n')
    # the summary entry for helpers.py, keyed the way the cache keys it, with no summary in it
    digest = hashlib.sha256(HELPERS.encode() + repr(["archive"]).encode()).hexdigest()[:24]
    for version in ("1", "2", "3"):
        attacker.write(f".railguard_cache/taint-summaries-{version}.json",
                       json.dumps({"shop/helpers.py": [digest, {}]}))
    attacker.git("add", "-A", "-f")
    attacker.git("commit", "-q", "-m", "shop")
    return attacker


def test_committed_summary_cache_is_not_trusted_by_no_cache_scans(tmp_path):
    victim = _clone(_poisoned_summary_repo(tmp_path), tmp_path, "victim")
    for args in (("--no-cache",), ()):
        r = victim.railguard("scan", ".", "-f", "concise", *args)
        assert re.search(r"shop/views\.py:8:\d+: \w+ taint\.python\.command-injection", r.stdout), (
            args, r.stdout + r.stderr)


def test_committed_summary_cache_is_not_trusted_by_the_commit_hook(tmp_path):
    attacker = _poisoned_summary_repo(tmp_path)
    victim = Repo(tmp_path / "victim-hook", tmp_path / "attacker-home")
    victim.write("README.md", "x\n")
    victim.git("add", "README.md")
    victim.git("commit", "-q", "-m", "init")
    assert victim.railguard("install-hook").returncode == 0
    for name in ("shop/__init__.py", "shop/helpers.py", "shop/views.py", ".railguard.toml",
                 ".railguard_cache/taint-summaries-2.json"):
        victim.write(name, (attacker.path / name).read_text())
    victim.git("add", "-A", "-f")
    r = victim.commit("shop")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "taint.python.command-injection" in r.stdout + r.stderr
