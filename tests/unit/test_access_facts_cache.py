"""The access analyzer's project index is kept in the user's signed cache: a second scan of an
unchanged tree does not build it again, a changed file does, and an entry railguard did not
sign is never believed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from railguard.config import load_config
from railguard.engine.access import core
from railguard.engine.engine import Engine
from railguard.vcs import collect_files

APP = """from flask import Flask
from flask_login import login_required

app = Flask(__name__)


@app.route("/orders/<int:order_id>/delete", methods=["POST"])
def delete_order(order_id):
    return "deleted"


@app.route("/profile")
@login_required
def profile():
    return "me"
"""


@pytest.fixture
def builds(monkeypatch, tmp_path):
    monkeypatch.setenv("RAILGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RAILGUARD_STATE_DIR", str(tmp_path / "state"))
    calls: list[int] = []
    real = core._index

    def counting(inputs, model):
        calls.append(len(inputs))
        return real(inputs, model)

    monkeypatch.setattr(core, "_index", counting)
    return calls


def _scan(root: Path) -> list[tuple[str, str, int]]:
    config = load_config(root)
    engine = Engine(config)
    files, _ = collect_files([str(root)], config, engine.policy)
    report = engine.scan(files, "ci", jobs=1, use_cache=True)
    return sorted((f.rule_id, f.path, f.line) for f in report.findings if f.analyzer == "access")


def _project(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / "shop").mkdir()
    (root / "shop" / "app.py").write_text(APP)
    (root / "shop" / "models.py").write_text("class Order:\n    owner_id = 1\n")
    (root / "requirements.txt").write_text("flask\nflask-login\n")
    return root


def test_an_unchanged_tree_reuses_the_index_and_a_changed_file_rebuilds_it(builds, tmp_path):
    root = _project(tmp_path / "repo")
    first = _scan(root)
    assert first and first[0][0].startswith("access.")
    assert len(builds) == 1
    assert _scan(root) == first
    assert len(builds) == 1  # the cached index: nothing read twice
    (root / "shop" / "app.py").write_text(APP.replace('methods=["POST"])\n', 'methods=["POST"])\n@login_required\n'))
    assert _scan(root) != first
    assert len(builds) == 2
    (root / "shop" / "extra.py").write_text("X = 1\n")  # a new file of an indexed kind
    _scan(root)
    assert len(builds) == 3


def test_an_index_entry_railguard_did_not_sign_is_rebuilt(builds, tmp_path):
    root = _project(tmp_path / "repo")
    first = _scan(root)
    stores = list((tmp_path / "cache").rglob("access-facts.json"))
    assert len(stores) == 1
    entries = json.loads(stores[0].read_text())
    digest, payload, mac = entries["project"]
    forged = json.loads(payload)
    forged["has_users"] = False  # "no users here": every missing-auth finding would go away
    entries["project"] = [digest, json.dumps(forged, separators=(",", ":"), sort_keys=True), mac]
    stores[0].write_text(json.dumps(entries))
    assert _scan(root) == first
    assert len(builds) == 2
