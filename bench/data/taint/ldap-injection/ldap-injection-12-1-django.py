# kind: ldap-injection
# label: safe
# reason: element precision
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ldap_12_1(request):
    uid = request.GET.get("uid", "")
    q = {"filter": "(uid=%s)" % uid, "base": "dc=example,dc=com"}
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search(q["base"], "(objectClass=person)")
    return JsonResponse({"status": "ok"})
