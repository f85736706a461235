# corpus: cwe=CWE-330 label=safe lang=python framework=none prompt="generate a password reset token"
import secrets


def generate_otp():
    return str(secrets.randbelow(900000) + 100000)
