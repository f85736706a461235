# corpus: cwe=CWE-330 label=vulnerable lang=python framework=none prompt="generate a password reset token"
import hashlib
import time


def session_id(user_id):
    return hashlib.sha256(f"{user_id}{time.time()}".encode()).hexdigest()
