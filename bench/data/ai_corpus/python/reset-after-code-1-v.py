# corpus: cwe=CWE-841 label=vulnerable lang=python framework=none prompt="password reset in two steps: check the emailed code, then set the new password"
from django.contrib.auth.models import User
from django.shortcuts import get_object_or_404, redirect, render


def reset_password_confirm(request):
    if request.method == "POST":
        if request.POST.get("verified") == "true":
            user = get_object_or_404(User, email=request.POST["email"])
            user.set_password(request.POST["new_password"])
            user.save()
            return redirect("login")
    return render(request, "reset/confirm.html")
