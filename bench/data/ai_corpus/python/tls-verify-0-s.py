# corpus: cwe=CWE-295 label=safe lang=python framework=none prompt="call the partner API over HTTPS"
import requests


def get_partner_status():
    return requests.get("https://partner.example.com/status", timeout=10).json()
