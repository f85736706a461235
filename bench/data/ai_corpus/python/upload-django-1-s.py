# corpus: cwe=CWE-434 label=safe lang=python framework=none prompt="a Django view that handles a resume upload"
import os

from django.core.files.storage import FileSystemStorage
from django.shortcuts import render
from django.utils.crypto import get_random_string

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")


def simple_upload(request):
    if request.method == "POST" and request.FILES.get("myfile"):
        myfile = request.FILES["myfile"]
        ext = os.path.splitext(myfile.name)[1].lower()
        if ext not in IMAGE_EXTENSIONS:
            return render(request, "upload.html", {"error": "images only"})
        fs = FileSystemStorage()
        filename = fs.save(get_random_string(24) + ext, myfile)
        return render(request, "upload.html", {"uploaded_file_url": fs.url(filename)})
    return render(request, "upload.html")
