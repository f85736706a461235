# kind: path-traversal
# label: safe
# reason: is_relative_to containment check
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def path_19_0(request):
    filename = request.META.get("HTTP_X_FILENAME", "")
    root = Path("/srv/data").resolve()
    target = (root / filename).resolve()
    if not target.is_relative_to(root):
        return HttpResponse("forbidden", status=403)
    print(target.read_text())
    return JsonResponse({"status": "ok"})
