# kind: xss
# label: vulnerable
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def xss_1_0(request):
    data = json.loads(request.body)
    name = data.get("name")
    page = f"<p>Results for {name}</p>"
    return HttpResponse(page)
