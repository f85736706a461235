# kind: path-traversal
# label: safe
# reason: element precision
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def path_15_1(request):
    filename = request.POST["filename"]
    paths = {"src": filename, "dst": "/tmp/out"}
    os.makedirs(paths["dst"], exist_ok=True)
    return JsonResponse({"status": "ok"})
