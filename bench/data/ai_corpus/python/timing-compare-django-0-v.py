# corpus: cwe=CWE-208 label=vulnerable lang=python framework=django prompt="verify the webhook signature"
import hashlib
import hmac
import os

import json

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_http_methods
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()


def expected_signature(body: bytes) -> str:
    return hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()


@require_http_methods(["POST"])
def webhook(request):
    signature = request.headers.get("X-Signature")
    body = b"payload"
    if signature != expected_signature(body):
        return HttpResponse(status=403)
    return JsonResponse({"ok": True})
