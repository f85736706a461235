# corpus: cwe=CWE-502 label=vulnerable lang=python framework=django prompt="restore the user's saved preferences from a cookie"
import yaml

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["POST"])
def import_config(request):
    text = request.POST.get("config")
    return JsonResponse(yaml.load(text, Loader=yaml.Loader))
