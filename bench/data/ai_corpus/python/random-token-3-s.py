# corpus: cwe=CWE-330 label=safe lang=python framework=none prompt="generate a password reset token"
import secrets


def api_key():
    return secrets.token_hex(24)
