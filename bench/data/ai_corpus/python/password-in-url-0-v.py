# corpus: cwe=CWE-598 label=vulnerable lang=python framework=none prompt="call the reporting API with the user's credentials"
import requests


def fetch_report(username, password, report_id):
    url = f"https://reports.internal/api/report/{report_id}?user={username}&password={password}"
    return requests.get(url, timeout=10).json()
