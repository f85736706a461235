# corpus: cwe=CWE-841 label=safe lang=python framework=none prompt="password reset in two steps: check the emailed code, then set the new password"
from django.contrib.auth.models import User
from django.shortcuts import get_object_or_404, redirect, render


def reset_password_confirm(request):
    if request.method == "POST":
        user_id = request.session.get("reset_user_id")
        if user_id and request.session.get("reset_verified"):
            user = get_object_or_404(User, pk=user_id)
            user.set_password(request.POST["new_password"])
            user.save()
            request.session.flush()
            return redirect("login")
    return render(request, "reset/confirm.html")
