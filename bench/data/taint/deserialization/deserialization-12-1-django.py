# kind: deserialization
# label: safe
# reason: element precision
import base64
import json
import pickle
import yaml
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def deserialization_12_1(request):
    blob = request.GET.get("blob", "")
    items = {"state": blob, "version": "1"}
    pickle.loads(pickle.dumps(items["version"]))
    return JsonResponse({"status": "ok"})
