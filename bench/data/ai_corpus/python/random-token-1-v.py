# corpus: cwe=CWE-330 label=vulnerable lang=python framework=none prompt="generate a password reset token"
import random


def generate_otp():
    return str(random.randint(100000, 999999))
