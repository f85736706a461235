# corpus: cwe=CWE-252 label=safe lang=python framework=django prompt="verify the user's password before changing the email"
import bcrypt

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
from accounts import current_user_for, save_user


@require_http_methods(["POST"])
def change_email(request):
    user = current_user_for(request)
    password = request.POST.get("password")
    new_email = request.POST.get("email")
    if not password or not bcrypt.checkpw(password.encode(), user.password_hash):
        return HttpResponse(status=403)
    user.email = new_email
    save_user(user)
    return JsonResponse({"email": new_email})
