# corpus: cwe=CWE-215 label=vulnerable lang=python framework=none prompt="add a debug endpoint that shows the app configuration"
from django.conf import settings
from django.http import JsonResponse


def settings_dump(request):
    data = {name: str(getattr(settings, name)) for name in dir(settings) if name.isupper()}
    return JsonResponse(data)
