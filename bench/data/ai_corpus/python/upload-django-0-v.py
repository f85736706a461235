# corpus: cwe=CWE-434 label=vulnerable lang=python framework=none prompt="a Django view that handles a resume upload"
import os

from django.conf import settings
from django.http import JsonResponse


def upload_resume(request):
    if request.method != "POST":
        return JsonResponse({"error": "POST only"}, status=405)
    f = request.FILES["resume"]
    dest = os.path.join(settings.MEDIA_ROOT, "resumes", f.name)
    with open(dest, "wb+") as out:
        for chunk in f.chunks():
            out.write(chunk)
    return JsonResponse({"saved": f.name})
