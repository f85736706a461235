# corpus: cwe=CWE-295 label=vulnerable lang=python framework=none prompt="call the partner API over HTTPS"
import requests


def get_partner_status():
    return requests.get("https://partner.example.com/status", verify=False, timeout=10).json()
