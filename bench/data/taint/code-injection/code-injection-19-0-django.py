# kind: code-injection
# label: safe
# reason: json.loads instead of eval
import math
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def code_19_0(request):
    expr = request.META.get("HTTP_X_EXPR", "")
    import json
    config = json.loads(expr)
    print(config)
    return JsonResponse({"status": "ok"})
