# kind: path-traversal
# label: safe
# reason: rejects .. and absolute paths
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def path_21_1(request):
    filename = request.META.get("HTTP_X_FILENAME", "")
    if ".." in filename or filename.startswith("/"):
        return HttpResponse("bad request", status=400)
    with open(os.path.join("/srv/notes", filename)) as f:
        print(f.read())
    return JsonResponse({"status": "ok"})
