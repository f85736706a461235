# corpus: cwe=CWE-208 label=safe lang=python framework=none prompt="check the API token sent by the client"
import os
import secrets

API_TOKEN = os.environ["API_TOKEN"]


def check_token(request):
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return secrets.compare_digest(token, API_TOKEN)
