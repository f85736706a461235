# kind: xpath-injection
# label: vulnerable
from lxml import etree
import xml.etree.ElementTree as ET
import json
from django.http import HttpResponse, JsonResponse, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

def search_books(title):
    doc = etree.parse("/srv/books.xml")
    return doc.xpath("//book[title='{}']".format(title))


@require_http_methods(["GET", "POST"])
def xpath_4_0(request):
    user = request.META.get("HTTP_X_USER", "")
    search_books(user)
    return JsonResponse({"status": "ok"})
