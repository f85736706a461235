# kind: path-traversal
# label: safe
# reason: helper that drops the input
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def report_path(kind):
    return "/srv/reports/latest.csv"


@require_http_methods(["GET", "POST"])
def path_18_1(request):
    data = json.loads(request.body)
    filename = data.get("filename")
    report = report_path(filename)
    with open(report) as f:
        print(f.read())
    return JsonResponse({"status": "ok"})
