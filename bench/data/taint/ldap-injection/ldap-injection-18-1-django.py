# kind: ldap-injection
# label: safe
# reason: constant lookup table
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

OUS = {"staff": "ou=staff,dc=example,dc=com", "guests": "ou=guests,dc=example,dc=com"}


@require_http_methods(["GET", "POST"])
def ldap_18_1(request):
    data = json.loads(request.body)
    uid = data.get("uid")
    base = OUS.get(uid, "ou=people,dc=example,dc=com")
    ldap.initialize("ldap://dir").search_s(base, ldap.SCOPE_ONELEVEL, "(objectClass=*)")
    return JsonResponse({"status": "ok"})
