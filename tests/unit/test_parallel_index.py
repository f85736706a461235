"""Large scans build the analyzers' project indexes side by side, one process each: the facts
are the same as one process builds, and so are the findings."""

from __future__ import annotations

from pathlib import Path

from railguard.config import default_config
from railguard.engine.engine import Engine
from railguard.engine.workspace import PARALLEL_MIN_FILES, engine_project_facts
from railguard.vcs import collect_files

GUARD = '''import functools
from flask import abort, g


def admin_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not g.user or not g.user.is_admin:
            abort(403)
        return view(*args, **kwargs)
    return wrapper
'''
VIEW = '''import os
import subprocess
from flask import Blueprint, request
from app.guards import admin_required

bp{n} = Blueprint("b{n}", __name__)


def run_{n}(cmd):
    subprocess.call(cmd, shell=True)


@bp{n}.route("/admin/{n}/purge", methods=["POST"])
@admin_required
def purge_{n}():
    run_{n}("rm -rf /tmp/" + request.form["name"])
    return "", 204


@bp{n}.route("/open/{n}/purge", methods=["POST"])
def open_purge_{n}():
    os.remove(os.path.join("/srv", request.form["name"]))
    return "", 204
'''


def test_parallel_indexes_equal_serial_ones(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "guards.py").write_text(GUARD)
    for n in range(PARALLEL_MIN_FILES):
        (tmp_path / "app" / f"views_{n}.py").write_text(VIEW.format(n=n))
    config = default_config(tmp_path)
    engine = Engine(config)
    files, _ = collect_files([str(tmp_path)], config)
    serial = engine_project_facts(engine, files, jobs=1)
    parallel = engine_project_facts(engine, files, jobs=2)
    assert set(serial) >= {"access", "taint"}
    assert parallel == serial
    one = engine.scan(files, jobs=1, use_cache=False)
    two = Engine(config).scan(files, jobs=2, use_cache=False)
    key = [(f.rule_id, f.path, f.line, f.confidence) for f in one.findings]
    assert key and key == [(f.rule_id, f.path, f.line, f.confidence) for f in two.findings]
    # the guard in another module is known to both: no route behind it is reported unguarded
    assert not any(f.rule_id.startswith("access.") and "/admin/" in f.message for f in two.findings)
