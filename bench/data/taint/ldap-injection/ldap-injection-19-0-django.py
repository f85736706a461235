# kind: ldap-injection
# label: safe
# reason: input only in the attribute list
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ldap_19_0(request):
    uid = request.META.get("HTTP_X_UID", "")
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search("dc=example,dc=com", "(objectClass=person)", attributes=[uid])
    return JsonResponse({"status": "ok"})
