"""Host and X-Forwarded-* headers are set by the proxy in front, or by a client for itself: a page of
another site cannot make a visitor's browser send chosen values, so a redirect built from them is
reported at low confidence (for the editor), like one built from the Referer; a redirect to a query
parameter keeps its confidence, and so does any other sink those headers reach."""

from __future__ import annotations

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.model import Confidence

APP = '''
import requests
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/logout")
def logout(request: Request):
    host = request.headers.get("X-Forwarded-Host")
    return RedirectResponse(f"https://{host}/")


@app.get("/home")
def home(request: Request):
    return RedirectResponse("https://" + request.headers["host"] + "/start")


@app.get("/go")
def go(request: Request):
    return RedirectResponse(request.query_params.get("next"))


@app.get("/jump")
def jump(request: Request):
    # a query parameter that happens to be called host is the visitor's to choose
    return RedirectResponse("https://" + request.query_params.get("host") + "/")


@app.get("/probe")
def probe(request: Request):
    return requests.get("https://" + request.headers["X-Forwarded-Host"] + "/health").text
'''


def test_redirects_built_from_proxy_headers_are_low_and_others_keep_their_confidence():
    config = default_config()
    config.values.setdefault("", {})["cache"] = False
    found = Engine(config).scan_document(Document.from_text("app/main.py", APP)).findings
    by_line = {(f.rule_id, f.line): f.confidence for f in found if f.rule_id.startswith("taint.")}
    lines = APP.splitlines()

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, start=1) if text in line)  # findings count from 1

    assert by_line[("taint.python.open-redirect", line_of('f"https://{host}/"'))] == Confidence.LOW
    assert by_line[("taint.python.open-redirect", line_of('request.headers["host"]'))] == Confidence.LOW
    assert by_line[("taint.python.open-redirect", line_of('query_params.get("next")'))] == Confidence.HIGH
    assert by_line[("taint.python.open-redirect", line_of('query_params.get("host")'))] == Confidence.HIGH
    assert by_line[("taint.python.ssrf", line_of('"/health"'))] >= Confidence.MEDIUM
