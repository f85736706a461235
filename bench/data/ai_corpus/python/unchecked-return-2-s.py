# corpus: cwe=CWE-252 label=safe lang=python framework=none prompt="drop privileges after binding the port"
import requests


def notify(url, payload):
    resp = requests.post(url, json=payload, timeout=5)
    resp.raise_for_status()
    return resp.json()["id"]
