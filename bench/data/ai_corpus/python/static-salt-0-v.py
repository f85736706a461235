# corpus: cwe=CWE-760 label=vulnerable lang=python framework=none prompt="hash passwords with PBKDF2"
import hashlib


def hash_password(password: str) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), b"static-salt", 100_000)
