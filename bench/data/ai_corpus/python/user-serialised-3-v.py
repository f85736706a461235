# corpus: cwe=CWE-200 label=vulnerable lang=python framework=none prompt="a route that returns a user's profile as JSON"
from django.core import serializers
from django.http import HttpResponse

from .models import Customer


def export_customers(request):
    data = serializers.serialize("json", Customer.objects.all())
    return HttpResponse(data, content_type="application/json")
