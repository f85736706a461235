# kind: ldap-injection
# label: safe
# reason: escape_filter_chars
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ldap_10_0(request):
    uid = request.GET.get("uid", "")
    safe = escape_filter_chars(uid)
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + safe + ")")
    return JsonResponse({"status": "ok"})
