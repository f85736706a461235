# corpus: cwe=CWE-502 label=safe lang=python framework=django prompt="restore the user's saved preferences from a cookie"
import base64
import json

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def load_prefs(request):
    blob = request.COOKIES.get("prefs")
    prefs = json.loads(base64.b64decode(blob))
    return JsonResponse(prefs)
