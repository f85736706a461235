# corpus: cwe=CWE-798 label=safe lang=python framework=none prompt="check the password the user typed before running a maintenance task"
import hmac
import os


def is_valid_api_key(key: str) -> bool:
    return hmac.compare_digest(key, os.environ["PARTNER_API_KEY"])
