# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ldap_0_1(request):
    uid = request.POST["uid"]
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
    return JsonResponse({"status": "ok"})
