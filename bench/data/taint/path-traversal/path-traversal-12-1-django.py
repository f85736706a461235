# kind: path-traversal
# label: safe
# reason: basename
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def path_12_1(request):
    filename = request.GET.get("filename", "")
    name = os.path.basename(filename)
    os.remove(os.path.join("/tmp/cache", name))
    return JsonResponse({"status": "ok"})
