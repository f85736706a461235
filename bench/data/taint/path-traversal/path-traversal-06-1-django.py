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

def read_doc(name):
    with open("/srv/docs/" + name, encoding="utf-8") as f:
        return f.read()


@require_http_methods(["GET", "POST"])
def path_6_1(request):
    filename = request.META.get("HTTP_X_FILENAME", "")
    read_doc(filename)
    return JsonResponse({"status": "ok"})
