# corpus: cwe=CWE-434 label=safe lang=python framework=none prompt="a Django view that handles a resume upload"
import os
import uuid

from django.conf import settings
from django.http import JsonResponse

ALLOWED_EXTENSIONS = {".pdf", ".doc", ".docx"}


def upload_resume(request):
    if request.method != "POST":
        return JsonResponse({"error": "POST only"}, status=405)
    f = request.FILES["resume"]
    ext = os.path.splitext(f.name)[1].lower()
    if ext not in ALLOWED_EXTENSIONS or f.size > 5_000_000:
        return JsonResponse({"error": "invalid file"}, status=400)
    name = f"{uuid.uuid4().hex}{ext}"
    dest = os.path.join(settings.MEDIA_ROOT, "resumes", name)
    with open(dest, "wb+") as out:
        for chunk in f.chunks():
            out.write(chunk)
    return JsonResponse({"saved": name})
