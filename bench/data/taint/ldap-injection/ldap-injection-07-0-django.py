# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ldap_7_0(request):
    uid = request.COOKIES.get("uid")
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search(search_base="dc=example,dc=com", search_filter="(uid=" + uid.strip() + ")")
    return JsonResponse({"status": "ok"})
