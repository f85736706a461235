# corpus: cwe=CWE-841 label=safe lang=python framework=none prompt="a three-step signup wizard in Django that creates the account on the last step"
from django.contrib.auth.models import User
from django.shortcuts import redirect, render


def signup(request):
    data = request.session.get("signup", {})
    done = data.get("completed_steps", [])
    if request.method == "POST" and done == ["1", "2"]:
        User.objects.create_user(data["username"], data["email"], data["password"])
        request.session.pop("signup")
        return redirect("welcome")
    return render(request, "signup/step%d.html" % (len(done) + 1))
