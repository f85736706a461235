"""A helper whose sink is reached only when a flag parameter is passed (`from_setup=True`): a
call that leaves the flag at its constant default does not reach the sink, across files too."""

from __future__ import annotations

import textwrap

from railguard.engine.document import Document
from railguard.engine.taint.flow import FileAnalysis, Summary
from railguard.engine.taint.model import load_model
from tests.taint_support import scan_package

STORAGE = '''
import os

from .files import Files

STORAGE = "/srv/storage"


def file_in_storage(name):
    Files.check_access_permission(STORAGE, name)
    return os.path.join(STORAGE, name.lstrip("/"))


def load_servers(input_file, selected, from_setup=False):
    if from_setup:
        path = input_file
    else:
        path = file_in_storage(input_file)
    with open(path) as fh:
        return [line for line in fh if line.split(",")[0] in selected]


def dump_servers(output_file, selected, verbose=False):
    if verbose:
        print("dumping", len(selected))
    with open(output_file, "w") as fh:
        fh.write(",".join(selected))
'''

VIEWS = '''
from flask import Flask, request

from .storage import dump_servers, load_servers

app = Flask(__name__)


@app.route("/load", methods=["POST"])
def load():
    return {"servers": load_servers(request.form["filename"], request.form.getlist("ids"))}


@app.route("/load-setup", methods=["POST"])
def load_setup():
    return {"servers": load_servers(request.form["filename"], [], from_setup=True)}


@app.route("/dump", methods=["POST"])
def dump():
    dump_servers(request.form["filename"], request.form.getlist("ids"))
    return {"ok": True}


@app.route("/load-any", methods=["POST"])
def load_any():
    return {"servers": load_servers(request.form["filename"], [], **request.form.to_dict())}
'''


def test_sink_behind_a_flag_default_is_not_reached_by_a_call_leaving_the_default(tmp_path):
    report = scan_package(tmp_path, "srv", {"storage.py": STORAGE, "views.py": VIEWS})
    found = sorted((f.path, f.line) for f in report.findings if f.rule_id == "taint.python.path-traversal")
    # /load leaves from_setup at False: the path is confined; /load-setup passes True, /dump's
    # sink does not depend on its flag, /load-any may pass anything
    assert found == [("srv/views.py", 16), ("srv/views.py", 21), ("srv/views.py", 27)]


def test_flag_of_a_sink_survives_the_summary_json():
    doc = Document.from_text("srv/storage.py", textwrap.dedent(STORAGE))
    fa = FileAnalysis(doc, load_model(), module_name="srv.storage")
    fa.run()
    s = fa.summaries["load_servers"]
    assert [k[:2] for k in s.sinks] == [(0, "path-traversal")]
    assert s.sink_flags == (frozenset({2}),)
    assert Summary.from_json(s.to_json()).sink_flags == s.sink_flags
    assert not fa.summaries["dump_servers"].sink_flags
