# kind: path-traversal
# label: vulnerable
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

BASE_DIR = "/srv/app"


@require_http_methods(["GET", "POST"])
def path_4_0(request):
    filename = request.META.get("HTTP_X_FILENAME", "")
    target = os.path.join(BASE_DIR, "exports", filename)
    shutil.rmtree(target)
    return JsonResponse({"status": "ok"})
