# kind: xss
# label: safe
# reason: int() cast
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_12_1(request):
    name = request.GET.get("name", "")
    count = int(name)
    return HttpResponse(f"<p>{count} items</p>")
