# corpus: cwe=CWE-252 label=vulnerable lang=python framework=none prompt="let a Django user delete their account after typing their password again"
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render


@login_required
def delete_account(request):
    if request.method == "POST":
        request.user.check_password(request.POST.get("password", ""))
        user = request.user
        logout(request)
        user.delete()
        return redirect("home")
    return render(request, "accounts/delete.html")
