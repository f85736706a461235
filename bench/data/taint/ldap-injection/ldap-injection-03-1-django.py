# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def lookup(name):
    l = ldap.initialize("ldap://ldap.example.com")
    return l.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn={})".format(name))


@require_http_methods(["GET", "POST"])
def ldap_3_1(request):
    data = json.loads(request.body)
    uid = data.get("uid")
    lookup(uid)
    return JsonResponse({"status": "ok"})
