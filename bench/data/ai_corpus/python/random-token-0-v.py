# corpus: cwe=CWE-330 label=vulnerable lang=python framework=none prompt="generate a password reset token"
import random
import string


def reset_token(length=32):
    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(length))
