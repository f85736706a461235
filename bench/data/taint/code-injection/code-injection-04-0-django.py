# kind: code-injection
# label: vulnerable
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def code_4_0(request):
    expr = request.META.get("HTTP_X_EXPR", "")
    value = eval(f"math.{expr}(2)")
    return JsonResponse({"status": "ok"})
