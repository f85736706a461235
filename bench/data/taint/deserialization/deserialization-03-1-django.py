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
def deserialization_3_1(request):
    data = json.loads(request.body)
    blob = data.get("blob")
    import marshal
    code = marshal.loads(bytes.fromhex(blob))
    return JsonResponse({"status": "ok"})
