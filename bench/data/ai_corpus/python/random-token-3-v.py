# corpus: cwe=CWE-330 label=vulnerable lang=python framework=none prompt="generate a password reset token"
import uuid


def api_key():
    return uuid.uuid1().hex
