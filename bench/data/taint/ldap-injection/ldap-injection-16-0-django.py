# kind: ldap-injection
# label: safe
# reason: helper that drops the input
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def default_filter(name):
    return "(objectClass=person)"


@require_http_methods(["GET", "POST"])
def ldap_16_0(request):
    data = json.loads(request.body)
    uid = data.get("uid")
    flt = default_filter(uid)
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)
    return JsonResponse({"status": "ok"})
