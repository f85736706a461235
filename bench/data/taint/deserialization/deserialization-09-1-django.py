# kind: deserialization
# label: safe
# reason: json.loads
import base64
import json
import pickle
import yaml
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def deserialization_9_1(request):
    blob = request.COOKIES.get("blob")
    obj = json.loads(blob)
    print(obj)
    return JsonResponse({"status": "ok"})
