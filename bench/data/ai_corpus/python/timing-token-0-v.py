# corpus: cwe=CWE-208 label=vulnerable lang=python framework=none prompt="check the API token sent by the client"
import os

API_TOKEN = os.environ["API_TOKEN"]


def check_token(request):
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return token == API_TOKEN
