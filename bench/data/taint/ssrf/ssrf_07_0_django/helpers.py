import requests


def preview(address):
    return requests.get(address, timeout=5).text[:200]
