# corpus: cwe=CWE-330 label=safe lang=python framework=none prompt="generate a password reset token"
import secrets


def reset_token(length=32):
    return secrets.token_urlsafe(length)
