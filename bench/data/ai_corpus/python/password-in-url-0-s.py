# corpus: cwe=CWE-598 label=safe lang=python framework=none prompt="call the reporting API with the user's credentials"
import requests


def fetch_report(username, password, report_id):
    url = f"https://reports.internal/api/report/{report_id}"
    return requests.get(url, auth=(username, password), timeout=10).json()
