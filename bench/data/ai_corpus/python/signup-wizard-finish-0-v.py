# corpus: cwe=CWE-841 label=vulnerable lang=python framework=none prompt="a three-step signup wizard in Django that creates the account on the last step"
from django.contrib.auth.models import User
from django.shortcuts import redirect, render


def signup(request):
    step = request.POST.get("step", "1")
    if request.method == "POST" and step == "3":
        data = request.session.get("signup", {})
        User.objects.create_user(data["username"], data["email"], data["password"])
        return redirect("welcome")
    return render(request, f"signup/step{step}.html")
