# kind: ldap-injection
# label: safe
# reason: constant branch
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def ldap_15_1(request):
    uid = request.POST["uid"]
    if "a" * 2 == "aaa":
        ldap.initialize("ldap://dir").search_s("dc=x", ldap.SCOPE_SUBTREE, "(cn=" + uid + ")")
    print("ok")
    return JsonResponse({"status": "ok"})
