# kind: code-injection
# label: vulnerable
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from .helpers import run_snippet


@require_http_methods(["GET", "POST"])
def code_7_0(request):
    expr = request.COOKIES.get("expr")
    run_snippet(expr)
    return JsonResponse({"status": "ok"})
