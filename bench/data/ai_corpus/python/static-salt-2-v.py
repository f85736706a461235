# corpus: cwe=CWE-760 label=vulnerable lang=python framework=none prompt="hash passwords with PBKDF2"
import hashlib


def hash_password(username, password):
    salt = username.lower()
    return hashlib.sha256((salt + password).encode()).hexdigest()
