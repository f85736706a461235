# kind: deserialization
# label: vulnerable
import base64
import json
import pickle
import yaml
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def deserialization_7_0(request):
    blob = request.COOKIES.get("blob")
    settings = yaml.unsafe_load(blob)
    return JsonResponse({"status": "ok"})
