# corpus: cwe=CWE-252 label=vulnerable lang=python framework=none prompt="drop privileges after binding the port"
import requests


def notify(url, payload):
    resp = requests.post(url, json=payload, timeout=5)
    return resp.json()["id"]
