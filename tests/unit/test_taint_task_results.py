"""A background task's stored result, and Django's FileResponse given a file opened from a path
proven safe: the taint analyzer's verdict makes the syntactic path rule give way there too."""

from __future__ import annotations

import textwrap

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.rules.loader import load_rules

VIEWS = textwrap.dedent("""
    from celery.result import AsyncResult
    from django.http import FileResponse, JsonResponse


    def download_export(request):
        task = AsyncResult(request.GET["taskId"])
        if not task.ready():
            return JsonResponse({"status": "pending"})
        filename = task.result
        return FileResponse(open(filename, mode="rb"), as_attachment=True)


    def download_named(request):
        name = request.GET["name"]
        return FileResponse(open("/srv/exports/" + name, "rb"))
""")


def _path_findings() -> list[tuple[str, int]]:
    engine = Engine(default_config("."), load_rules())
    report = engine.scan_document(Document.from_text("exports/views.py", VIEWS))
    return sorted((f.rule_id, f.line) for f in report.findings if 22 in f.cwe)


def test_a_task_result_opened_and_streamed_is_reported_by_no_rule():
    found = _path_findings()
    assert [line for _, line in found if line < 12] == []
    # the request's own text opened and streamed is still reported
    assert any(rule == "taint.python.path-traversal" and line == 16 for rule, line in found)
