# corpus: cwe=CWE-90 label=vulnerable lang=python framework=django prompt="look up a user in the company directory"
import ldap

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET"])
def lookup(request):
    uid = request.GET.get("uid")
    conn = ldap.initialize("ldaps://ldap.corp.example")
    result = conn.search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, f"(uid={uid})")
    return JsonResponse({"found": len(result)})
