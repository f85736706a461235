# corpus: cwe=CWE-252 label=safe lang=python framework=none prompt="a webhook receiver that checks the HMAC signature of the payment provider"
import hashlib
import hmac
import json
import os

from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

from shop.models import Order

SECRET = os.environ["GITHUB_WEBHOOK_SECRET"].encode()


@csrf_exempt
def github_webhook(request):
    digest = "sha256=" + hmac.new(SECRET, request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, request.headers.get("X-Hub-Signature-256", "")):
        return HttpResponseForbidden("bad signature")
    payload = json.loads(request.body)
    if payload.get("action") == "published":
        Order.objects.filter(release=payload["release"]["tag_name"]).update(ready=True)
    return HttpResponse(status=204)
