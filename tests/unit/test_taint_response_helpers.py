"""A view that answers what a view of another module returns, and that one answers a response
object a helper of a third module builds (`app.response_class(stored, mimetype=...)`): the
answer is that response (a stored file with its stored type), not text, even where a request
value only picked which bucket the file came from. A helper that returns text keeps it text."""

from __future__ import annotations

from tests.taint_support import scan_package

SERVE = '''
from flask import current_app as app, request


def file_response(stored):
    response = app.response_class(stored, mimetype=stored.content_type, direct_passthrough=True)
    response.content_length = stored.length
    if request.args.get("download"):
        response.headers["Content-Disposition"] = "attachment"
    return response


def file_page(stored):
    return "<h1>%s</h1>" % stored
'''

VIEWS = '''
from flask import Blueprint, abort, current_app as app, request

from .serve import file_page, file_response

bp = Blueprint("files", __name__)


@bp.route("/files/<path:file_id>")
def get_file(file_id):
    stored = app.storage.get(file_id, request.args.get("bucket"))
    if stored:
        return file_response(stored)
    abort(404)


@bp.route("/pages/<path:file_id>")
def get_page(file_id):
    stored = app.storage.get(file_id, request.args.get("bucket"))
    return file_page(stored)
'''

ASSETS = '''
from flask import Blueprint

from .views import get_file, get_page

bp = Blueprint("assets", __name__)


@bp.route("/assets/<path:file_id>")
def asset(file_id):
    return get_file(file_id)


@bp.route("/asset-pages/<path:file_id>")
def asset_page(file_id):
    return get_page(file_id)
'''


def test_a_response_built_by_a_helper_of_another_module_is_no_html_text(tmp_path):
    report = scan_package(tmp_path, "media", {"serve.py": SERVE, "views.py": VIEWS, "assets.py": ASSETS})
    xss = {(f.path, f.line) for f in report.findings if f.rule_id == "taint.python.xss"}
    assert ("media/assets.py", 11) not in xss
    assert ("media/assets.py", 16) in xss
