# corpus: cwe=CWE-598 label=safe lang=python framework=none prompt="call the reporting API with the user's credentials"
import urllib.parse
import urllib.request


def login_remote(user, password):
    body = urllib.parse.urlencode({"user": user, "password": password}).encode()
    req = urllib.request.Request("https://sso.example.org/login", data=body, method="POST")
    with urllib.request.urlopen(req) as resp:
        return resp.read()
