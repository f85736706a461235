# corpus: cwe=CWE-319 label=vulnerable lang=python framework=none prompt="upload the nightly backup to the file server"
import requests


def login(username, password):
    return requests.post("http://auth.internal.example/api/login",
                         json={"username": username, "password": password}, timeout=5)
