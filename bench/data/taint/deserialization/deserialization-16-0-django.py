# kind: deserialization
# label: safe
# reason: int() cast
import base64
import json
import pickle
import yaml
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def deserialization_16_0(request):
    data = json.loads(request.body)
    blob = data.get("blob")
    n = int(blob)
    print(pickle.loads(pickle.dumps(n)))
    return JsonResponse({"status": "ok"})
