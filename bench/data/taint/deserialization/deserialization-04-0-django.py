# kind: deserialization
# label: vulnerable
import base64
import json
import pickle
import yaml
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def restore(data):
    return pickle.loads(base64.urlsafe_b64decode(data))


@require_http_methods(["GET", "POST"])
def deserialization_4_0(request):
    blob = request.META.get("HTTP_X_BLOB", "")
    restore(blob)
    return JsonResponse({"status": "ok"})
