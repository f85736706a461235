# corpus: cwe=CWE-598 label=vulnerable lang=python framework=none prompt="call the reporting API with the user's credentials"
import urllib.parse
import urllib.request


def login_remote(user, password):
    query = urllib.parse.urlencode({"user": user, "password": password})
    with urllib.request.urlopen("https://sso.example.org/login?" + query) as resp:
        return resp.read()
