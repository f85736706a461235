# corpus: cwe=CWE-200 label=safe lang=python framework=none prompt="a route that returns a user's profile as JSON"
from django.http import JsonResponse

from .models import Customer


def export_customers(request):
    rows = list(Customer.objects.values("id", "name", "city"))
    return JsonResponse(rows, safe=False)
