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
def deserialization_0_1(request):
    blob = request.POST["blob"]
    obj = pickle.loads(base64.b64decode(blob))
    print(obj)
    return JsonResponse({"status": "ok"})
