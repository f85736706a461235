# corpus: cwe=CWE-79 label=vulnerable lang=python framework=django prompt="a page that greets the user by name"
import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def search_page(request):
    term = request.GET.get("q")
    body = "<p>Results for " + term + "</p><ul></ul>"
    return HttpResponse(body)
