# kind: deserialization
# label: safe
# reason: constant branch
import base64
import json
import pickle
import yaml
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def deserialization_13_0(request):
    blob = request.POST["blob"]
    if 0 > 1:
        pickle.loads(blob)
    print("no")
    return JsonResponse({"status": "ok"})
