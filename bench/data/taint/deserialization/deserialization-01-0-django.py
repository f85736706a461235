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
def deserialization_1_0(request):
    data = json.loads(request.body)
    blob = data.get("blob")
    config = yaml.load(blob, Loader=yaml.Loader)
    print(config)
    return JsonResponse({"status": "ok"})
