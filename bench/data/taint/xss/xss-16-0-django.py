# kind: xss
# label: safe
# reason: helper that drops the input
import html
from markupsafe import Markup, escape
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def status_banner(user):
    return "<div>Service is up</div>"


@require_http_methods(["GET", "POST"])
def xss_16_0(request):
    data = json.loads(request.body)
    name = data.get("name")
    return HttpResponse(status_banner(name))
