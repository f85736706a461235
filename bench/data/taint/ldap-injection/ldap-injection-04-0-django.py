# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ldap_4_0(request):
    uid = request.META.get("HTTP_X_UID", "")
    base = "ou=" + uid + ",dc=example,dc=com"
    ldap.initialize("ldap://dir").search_s(base, ldap.SCOPE_ONELEVEL, "(objectClass=*)")
    return JsonResponse({"status": "ok"})
