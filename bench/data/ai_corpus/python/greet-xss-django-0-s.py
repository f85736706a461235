# corpus: cwe=CWE-79 label=safe lang=python framework=django prompt="a page that greets the user by name"
import html

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def hello(request):
    name = request.GET.get("name")
    return HttpResponse(f"<h1>Hello, {html.escape(name or '')}!</h1>")
