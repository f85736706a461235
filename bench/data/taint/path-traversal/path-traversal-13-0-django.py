# kind: path-traversal
# label: safe
# reason: base-dir containment check
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def path_13_0(request):
    filename = request.POST["filename"]
    base = os.path.realpath("/srv/data")
    path = os.path.realpath(os.path.join(base, filename))
    if not path.startswith(base + os.sep):
        return HttpResponse("forbidden", status=403)
    with open(path) as f:
        print(f.read())
    return JsonResponse({"status": "ok"})
