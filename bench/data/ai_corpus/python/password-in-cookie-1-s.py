# corpus: cwe=CWE-522 label=safe lang=python framework=none prompt="remember the logged-in user in a cookie"
import secrets

from django.http import HttpResponseRedirect


def remember_me(request, tokens):
    response = HttpResponseRedirect("/home")
    if request.POST.get("remember"):
        token = secrets.token_urlsafe(32)
        tokens.store(request.user.id, token)
        response.set_cookie("remember_token", token, max_age=30 * 86400, secure=True, httponly=True)
    return response
