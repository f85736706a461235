"""A redirect target that a helper formats from a configured absolute base, a "/" and the
request's value (`"%s/%s" % (base, item)`, `"{}/{}".format(base, item)`): the base fixes the
scheme and host, the request picks only a path under it, so the finding is kept at low
confidence (below the CI threshold), as for `base + "/" + item`. A base taken from the request,
or a value glued to the base without a separator, still decides where the browser goes."""

from __future__ import annotations

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.model import Confidence

VIEWS = '''
from flask import Flask, current_app, redirect, request

app = Flask(__name__)


def file_url(file_id):
    base = current_app.config.get("FILES_URL").rstrip("/")
    return "%s/%s" % (base, file_id)


def thumb_url(file_id):
    return "{}/thumbs/{}".format(current_app.config["FILES_URL"].rstrip("/"), file_id)


def named_url(file_id):
    return "{base}/{item}".format(base=current_app.config["FILES_URL"], item=file_id)


def glued_url(file_id):
    return "%s%s" % (current_app.config["FILES_URL"], file_id)


@app.route("/files/<path:file_id>/old")
def old_file_link(file_id):
    return redirect(file_url(file_id))  # percent


@app.route("/thumbs/<path:file_id>/old")
def old_thumb_link(file_id):
    return redirect(thumb_url(file_id))  # format


@app.route("/named/<path:file_id>/old")
def old_named_link(file_id):
    return redirect(named_url(file_id))  # named


@app.route("/go/<path:file_id>")
def go(file_id):
    return redirect("%s/%s" % (request.args["base"], file_id))  # request base


@app.route("/glued/<path:file_id>")
def glued(file_id):
    return redirect(glued_url(file_id))  # glued
'''


def _confidences() -> dict[str, Confidence]:
    config = default_config()
    config.values.setdefault("", {})["cache"] = False
    found = Engine(config).scan_document(Document.from_text("views.py", VIEWS)).findings
    lines = VIEWS.splitlines()
    return {lines[f.line - 1].rsplit("# ", 1)[-1]: f.confidence for f in found
            if f.rule_id == "taint.python.open-redirect"}


def test_formatted_configured_base_leaves_only_the_path_to_the_request():
    by_case = _confidences()
    assert by_case["percent"] == Confidence.LOW
    assert by_case["format"] == Confidence.LOW
    assert by_case["named"] == Confidence.LOW
    assert by_case["request base"] >= Confidence.MEDIUM
    assert by_case["glued"] >= Confidence.MEDIUM
