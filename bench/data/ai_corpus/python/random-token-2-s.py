# corpus: cwe=CWE-330 label=safe lang=python framework=none prompt="generate a password reset token"
import secrets


def session_id(user_id):
    return secrets.token_hex(32)
