# kind: path-traversal
# label: safe
# reason: int() cast
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def path_16_0(request):
    data = json.loads(request.body)
    filename = data.get("filename")
    doc_id = int(filename)
    with open(f"/srv/docs/{doc_id}.json") as f:
        print(f.read())
    return JsonResponse({"status": "ok"})
