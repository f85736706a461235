# corpus: cwe=CWE-434 label=vulnerable lang=python framework=none prompt="a Django view that handles a resume upload"
from django.core.files.storage import FileSystemStorage
from django.shortcuts import render


def simple_upload(request):
    if request.method == "POST" and request.FILES.get("myfile"):
        myfile = request.FILES["myfile"]
        fs = FileSystemStorage()
        filename = fs.save(myfile.name, myfile)
        return render(request, "upload.html", {"uploaded_file_url": fs.url(filename)})
    return render(request, "upload.html")
