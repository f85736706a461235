# kind: code-injection
# label: vulnerable
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def code_9_1(request):
    expr = request.COOKIES.get("expr")
    template = "{}+1".format(expr.strip())
    eval(template)
    return JsonResponse({"status": "ok"})
