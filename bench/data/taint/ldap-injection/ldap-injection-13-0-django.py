# kind: ldap-injection
# label: safe
# reason: allow-list guard
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

GROUPS = ["admins", "developers", "support"]


@require_http_methods(["GET", "POST"])
def ldap_13_0(request):
    uid = request.POST["uid"]
    if uid not in GROUPS:
        return HttpResponse("bad request", status=400)
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn=" + uid + ")")
    return JsonResponse({"status": "ok"})
