"""A project predicate (a helper returning a condition, or True under an `if`) proves what its
True return holds for its arguments, across files too: `if any(name == d.name for d in docs):
return True` is an allow-list of stored names, `any(Path(name).resolve().is_relative_to(d) for
d in dirs)` a containment check. A predicate with a branch that proves nothing checks nothing."""

from __future__ import annotations

import textwrap

from railguard.engine.document import Document
from railguard.engine.taint.flow import FileAnalysis
from railguard.engine.taint.model import load_model
from tests.taint_support import scan_package

CHECKS = '''
from pathlib import Path


def is_document_or_import_file(filename, ledger):
    """A stored document, or a file inside one of the import folders."""
    if any(filename == d.filename for d in ledger.documents):
        return True
    file_path = Path(filename).resolve()
    return any(file_path.is_relative_to(ledger.join_path(d)) for d in ledger.import_dirs)


def is_known(filename, ledger):
    if any(filename == d.filename for d in ledger.documents):
        return True
    return False


def is_listed_or_short(filename, ledger):
    # the second branch proves nothing about the name
    if any(filename == d.filename for d in ledger.documents):
        return True
    if len(filename) < 40:
        return True
    return False


def is_requested(filename, request):
    # compared with what the request itself lists: no allow-list
    if any(filename == d for d in request.args.getlist("names")):
        return True
    return False
'''

VIEWS = '''
from flask import Flask, abort, g, request, send_file

from .checks import is_document_or_import_file, is_known, is_listed_or_short

app = Flask(__name__)


@app.route("/document/")
def document():
    filename = request.args.get("filename", "")
    if is_document_or_import_file(filename, g.ledger):
        return send_file(filename)
    return abort(404)


@app.route("/known/")
def known():
    filename = request.args.get("filename", "")
    if is_known(filename, g.ledger):
        return send_file(filename)
    return abort(404)


@app.route("/short/")
def short():
    filename = request.args.get("filename", "")
    if is_listed_or_short(filename, g.ledger):
        return send_file(filename)
    return abort(404)
'''


def test_predicates_with_any_and_early_true_check_their_arguments_across_files(tmp_path):
    report = scan_package(tmp_path, "srv", {"checks.py": CHECKS, "views.py": VIEWS})
    found = sorted((f.path, f.line) for f in report.findings if f.rule_id == "taint.python.path-traversal")
    # only the predicate whose second branch tests the length leaves the path open
    assert found == [("srv/views.py", 29)]


def test_predicate_summaries():
    doc = Document.from_text("srv/checks.py", textwrap.dedent(CHECKS))
    fa = FileAnalysis(doc, load_model(), module_name="srv.checks")
    fa.run()
    # both branches prove at least containment; the allow-list alone proves every kind
    assert fa.summaries["is_document_or_import_file"].checks == {0: frozenset({"path-traversal"})}
    assert fa.summaries["is_known"].checks == {0: frozenset({"all"})}
    assert not fa.summaries["is_listed_or_short"].checks
    assert not fa.summaries["is_requested"].checks


ENUMS = '''
from enum import Enum


class AutoEnum(str, Enum):
    """The project's own enumeration base."""


class Countable(AutoEnum):
    day = "day"
    event = "event"


class Plain(str):
    """A string subclass: any text."""
'''

ENUM_VIEWS = '''
from fastapi import FastAPI, Path, Request
from sqlalchemy import text

from .kinds import Countable, Plain

app = FastAPI()


@app.post("/events/count-by/{countable}")
async def count_by(request: Request, countable: Countable = Path(...)):
    async with request.app.state.db() as session:
        return await session.execute(text(f"SELECT count(*) FROM events GROUP BY {countable.value}"))


@app.post("/events/order-by/{column}")
async def order_by(request: Request, column: Plain = Path(...)):
    async with request.app.state.db() as session:
        return await session.execute(text(f"SELECT * FROM events ORDER BY {column}"))
'''


def test_a_parameter_typed_with_a_subclass_of_the_projects_enum_base_is_a_closed_type(tmp_path):
    report = scan_package(tmp_path, "srv", {"kinds.py": ENUMS, "views.py": ENUM_VIEWS})
    found = {(f.path, f.line) for f in report.findings if f.rule_id == "taint.python.sql-injection"}
    assert found == {("srv/views.py", 19)}
