# corpus: cwe=CWE-215 label=safe lang=python framework=none prompt="add a debug endpoint that shows the app configuration"
from django.conf import settings
from django.http import JsonResponse


def settings_dump(request):
    return JsonResponse({"language": settings.LANGUAGE_CODE, "time_zone": settings.TIME_ZONE})
