# corpus: cwe=CWE-835 label=vulnerable lang=python framework=django prompt="paginate through results up to the page the client asks for"
import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


def fetch_page(n):
    return [n * 10 + i for i in range(10)]


@require_http_methods(["GET"])
def items(request):
    pages = int(request.GET.get("pages"))
    out = []
    for n in range(pages):
        out.extend(fetch_page(n))
    return JsonResponse({"items": out})
