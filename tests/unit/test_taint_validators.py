"""A project helper that raises unless its argument is safe (a path without a parent step, a key
that parses as a UUID): a call that returned proves it, across files too, and the summary keeps it."""

from __future__ import annotations

import textwrap

from railguard.engine.document import Document
from railguard.engine.taint.flow import FileAnalysis, Summary
from railguard.engine.taint.model import load_model
from tests.taint_support import scan_package

CHECKS = '''
import pathlib
import uuid


class Invalid(Exception):
    pass


def validate_relative_path(path):
    path = path.replace("%2F", "/")
    if ".." in pathlib.PurePosixPath(path).parts or path.startswith("/"):
        raise Invalid(path)
    return path


def check_token(token):
    try:
        uuid.UUID(token)
    except ValueError as exc:
        raise Invalid(token) from exc


def note_token(token):
    try:
        uuid.UUID(token)
    except ValueError:
        print("not a uuid", token)
    return True
'''

VIEWS = '''
import os

from flask import Flask, request

from .checks import check_token, note_token, validate_relative_path

app = Flask(__name__)
ROOT = "/srv/files"


@app.route("/save", methods=["POST"])
def save():
    path = validate_relative_path(request.args["path"])
    with open(os.path.join(ROOT, path), "wb") as fh:
        fh.write(request.data)
    return {"ok": True}


@app.route("/token/<path:token>")
def token(token):
    check_token(token)
    with open(os.path.join(ROOT, token + ".json")) as fh:
        return fh.read()


@app.route("/noted/<path:token>")
def noted(token):
    note_token(token)
    with open(os.path.join(ROOT, token + ".json")) as fh:
        return fh.read()
'''


def test_helpers_that_raise_check_their_arguments_across_files(tmp_path):
    report = scan_package(tmp_path, "srv", {"checks.py": CHECKS, "views.py": VIEWS})
    found = sorted((f.path, f.line) for f in report.findings if f.rule_id == "taint.python.path-traversal")
    # note_token() only prints when the token is no UUID: the path stays open
    assert found == [("srv/views.py", 30)]


def test_validated_parameters_survive_the_summary_json():
    doc = Document.from_text("srv/checks.py", textwrap.dedent(CHECKS))
    fa = FileAnalysis(doc, load_model(), module_name="srv.checks")
    fa.run()
    assert fa.summaries["check_token"].validates == {0: frozenset({"all"})}
    assert fa.summaries["validate_relative_path"].validates == {0: frozenset({"path-traversal"})}
    assert not fa.summaries["note_token"].validates
    s = fa.summaries["check_token"]
    assert Summary.from_json(s.to_json()).validates == s.validates
