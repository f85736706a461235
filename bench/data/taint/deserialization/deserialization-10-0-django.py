# kind: deserialization
# label: safe
# reason: yaml.safe_load
import base64
import json
import pickle
import yaml
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def deserialization_10_0(request):
    blob = request.GET.get("blob", "")
    config = yaml.safe_load(blob)
    print(config)
    return JsonResponse({"status": "ok"})
