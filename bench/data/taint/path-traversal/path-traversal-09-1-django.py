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


@require_http_methods(["GET", "POST"])
def path_9_1(request):
    filename = request.COOKIES.get("filename")
    name = filename.replace("/", "_")
    with open("/srv/files/" + name + ".txt") as f:
        print(f.read())
    return JsonResponse({"status": "ok"})
