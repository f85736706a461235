# corpus: cwe=CWE-208 label=safe lang=python framework=none prompt="check the API token sent by the client"
import hmac


def verify_reset_token(user, supplied_token):
    return hmac.compare_digest(user.reset_token or "", supplied_token or "")
