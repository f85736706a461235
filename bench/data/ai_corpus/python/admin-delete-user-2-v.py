# corpus: cwe=CWE-306 label=vulnerable lang=python framework=none prompt="an admin endpoint that deletes a user account"
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import JsonResponse


@login_required
def profile(request):
    return JsonResponse({"user": request.user.username})


def promote_to_staff(request, user_id):
    user = User.objects.get(pk=user_id)
    user.is_staff = True
    user.save()
    return JsonResponse({"promoted": user_id})
