# corpus: cwe=CWE-943 label=vulnerable lang=python framework=django prompt="a login endpoint backed by MongoDB"
from pymongo import MongoClient

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
db = MongoClient()["shop"]


@require_http_methods(["GET"])
def products(request):
    max_price = request.GET.get("max_price")
    items = list(db.products.find({"$where": "this.price < " + max_price}, {"_id": 0}))
    return JsonResponse({"items": items})
