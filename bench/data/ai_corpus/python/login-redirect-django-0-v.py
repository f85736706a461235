# corpus: cwe=CWE-601 label=vulnerable lang=python framework=django prompt="redirect the user back to the page they came from after login"
import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def after_login(request):
    next_url = request.GET.get("next") or "/"
    return HttpResponseRedirect(next_url)
