# corpus: cwe=CWE-522 label=vulnerable lang=python framework=none prompt="remember the logged-in user in a cookie"
from django.http import HttpResponseRedirect


def remember_me(request):
    response = HttpResponseRedirect("/home")
    if request.POST.get("remember"):
        response.set_cookie("user", request.POST["email"], max_age=30 * 86400)
        response.set_cookie("pass", request.POST["password"], max_age=30 * 86400)
    return response
