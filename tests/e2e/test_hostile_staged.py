"""The commit gate judges the index: untracked and unstaged files cannot steer it
(docs/security.md, "What the commit gate reads"). Real git, the hook `install-hook` writes,
and `railguard hook FILES` as the pre-commit framework calls it."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.githelpers import VULN, Repo

TOKEN = "ghp_" + "x7Kq2Vb9Lm4Np8Rt3Ws6Yz1Ac5De0Fg2Hj4K"  # railguard: ignore[secrets.github-token] test data
HELPERS = "import os\n\n\ndef archive(name):\n    os.system('tar czf ' + name)\n"
HELPERS_SAFE = "import shlex\n\n\ndef archive(name):\n    return shlex.quote(name)\n"
VIEWS = ("from flask import Flask, request\napp = Flask(__name__)\nfrom .helpers import archive\n\n\n"
         "@app.route('/a')\ndef a():\n    archive(request.args['n'])\n    return 'ok'\n")


@pytest.fixture
def repo(tmp_path):
    r = Repo(tmp_path / "repo", tmp_path)
    r.write("README.md", "demo\n")
    r.git("add", "README.md")
    r.git("commit", "-q", "-m", "init")
    assert r.railguard("install-hook").returncode == 0
    return r


def blocked(r) -> str:
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    return out


@pytest.mark.parametrize("name,text", [
    (".railguard.toml", 'disable = ["*"]\n'),
    (".railguard.toml", 'exclude = ["*.py"]\n'),
    (".railguard.toml", '[thresholds]\ncommit = { severity = "critical", confidence = "high" }\n'),
    ("pyproject.toml", '[tool.railguard]\nanalyzers = ["text"]\n'),
])
def test_untracked_config_does_not_steer_the_gate(repo, name, text):
    repo.write(name, text)
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    out = blocked(repo.commit("vulnerable"))
    assert "python.yaml-load" in out
    assert f"{name}: untracked: ignored by the commit gate" in out
    # the pre-commit mode (the framework passes file names) reads the staged config too
    out = blocked(repo.railguard("hook", "app.py"))
    assert "python.yaml-load" in out


def test_unstaged_config_change_does_not_steer_the_gate(repo):
    repo.write(".railguard.toml", 'exclude = ["fixtures/"]\n')
    repo.git("add", ".railguard.toml")
    repo.git("commit", "-q", "-m", "config")
    repo.write(".railguard.toml", 'exclude = ["fixtures/", "*.py"]\n')  # not staged
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    out = blocked(repo.commit("vulnerable"))
    assert ".railguard.toml: has unstaged changes: the commit gate used the staged version" in out


def test_unstaged_baseline_does_not_hide_a_finding(repo):
    repo.write(".railguard.toml", 'baseline = "rg-baseline.json"\n')
    repo.write("rg-baseline.json", json.dumps({"tool": "railguard", "findings": []}))
    repo.git("add", ".railguard.toml", "rg-baseline.json")
    repo.git("commit", "-q", "-m", "empty baseline")
    repo.write("app.py", VULN)
    repo.git("add", "app.py")
    # the work tree's baseline accepts the finding; it is not staged
    created = repo.railguard("baseline", "update", "-o", "rg-baseline.json")
    assert created.returncode == 0, created.stdout + created.stderr
    assert "python.yaml-load" in (repo.path / "rg-baseline.json").read_text()
    out = blocked(repo.commit("vulnerable"))
    assert "rg-baseline.json: has unstaged changes" in out
    # staged, the baseline is honoured (it is part of the commit a reviewer sees)
    repo.git("add", "rg-baseline.json")
    r = repo.commit("accepted in the baseline")
    assert r.returncode == 0, r.stdout + r.stderr


def test_untracked_secrets_baseline_does_not_hide_a_key(repo):
    results = {"settings.py": [{"type": "GitHub Token", "hashed_secret": hashlib.sha1(TOKEN.encode()).hexdigest(),
                                "line_number": 1}]}
    repo.write(".secrets.baseline", json.dumps({"version": "1.5.0", "results": results}))
    repo.write("settings.py", f'GITHUB_TOKEN = "{TOKEN}"\n')
    repo.git("add", "settings.py")
    out = blocked(repo.commit("settings"))
    assert "settings.py:1" in out and TOKEN not in out
    assert ".secrets.baseline: untracked: ignored" in out
    # the same baseline, staged, is honoured
    repo.git("add", ".secrets.baseline")
    r = repo.commit("settings with an accepted key")
    assert r.returncode == 0, r.stdout + r.stderr


def test_cross_file_summaries_come_from_the_index(repo):
    repo.write("shop/__init__.py", "")
    repo.write("shop/helpers.py", HELPERS)
    repo.write("shop/views.py", VIEWS)
    repo.git("add", "shop")
    repo.write("shop/helpers.py", HELPERS_SAFE)  # the work tree's helper is harmless; not staged
    out = blocked(repo.commit("shop"))
    assert "taint.python.command-injection" in out
    repo.write("shop/helpers.py", HELPERS_SAFE)
    repo.git("add", "shop/helpers.py")
    assert repo.commit("safe helper").returncode == 0


AUTH_NOOP = ("from functools import wraps\n\n\ndef audited(f):\n    @wraps(f)\n    def wrapper(*args, **kwargs):\n"
             "        return f(*args, **kwargs)\n    return wrapper\n")
AUTH_GUARD = ("from functools import wraps\nfrom flask import abort\nfrom flask_login import current_user\n\n\n"
              "def audited(f):\n    @wraps(f)\n    def wrapper(*args, **kwargs):\n"
              "        if not current_user.is_authenticated or not current_user.is_admin:\n            abort(403)\n"
              "        return f(*args, **kwargs)\n    return wrapper\n")
ROUTES = ("from flask import Flask\nfrom flask_login import login_required\nfrom .auth import audited\n"
          "from .models import User, db\n\napp = Flask(__name__)\n\n\n@app.route('/profile')\n@login_required\n"
          "def profile():\n    return 'me'\n\n\n@app.route('/users/<int:uid>/delete', methods=['POST'])\n@audited\n"
          "def delete_user(uid):\n    db.session.delete(User.query.get(uid))\n    db.session.commit()\n    return 'ok'\n")


@pytest.mark.parametrize("staged", [True, False], ids=["staged", "pre-commit-files"])
def test_the_access_index_comes_from_the_index(repo, staged):
    repo.write("shop/__init__.py", "")
    repo.write("shop/auth.py", AUTH_NOOP)
    repo.write("shop/views.py", ROUTES)
    repo.git("add", "shop")
    repo.write("shop/auth.py", AUTH_GUARD)  # the guard exists only in the work tree: not staged
    args = ("hook", "--staged") if staged else ("hook", "shop/__init__.py", "shop/auth.py", "shop/views.py")
    out = blocked(repo.railguard(*args))
    assert "shop/views.py:15:" in out and "access.flask-route-without-auth" in out, out
    repo.git("add", "shop/auth.py")  # staged now: the route is guarded
    r = repo.railguard(*args)
    assert "access.flask-route-without-auth" not in r.stdout + r.stderr, r.stdout + r.stderr


@pytest.mark.parametrize("declared_in", ["requirements.txt", "requirements-dev.txt"], ids=["unstaged", "untracked"])
def test_declared_dependencies_come_from_the_index(repo, declared_in):
    repo.write("requirements.txt", "flask==3.0\n")
    repo.git("add", "requirements.txt")
    repo.git("commit", "-q", "-m", "deps")
    repo.write("app.py", "import flask\nimport reqeusts\n")
    repo.git("add", "app.py")
    repo.write(declared_in, "flask==3.0\nreqeusts\n")  # declared only in the work tree
    args = ("hook", "--staged", "--severity", "medium", "--confidence", "low")
    out = blocked(repo.railguard(*args))
    assert "app.py:2:" in out and "ai.undeclared-import" in out, out
    repo.git("add", declared_in)
    r = repo.railguard(*args)
    assert "ai.undeclared-import" not in r.stdout + r.stderr, r.stdout + r.stderr
