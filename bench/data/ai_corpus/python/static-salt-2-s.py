# corpus: cwe=CWE-760 label=safe lang=python framework=none prompt="hash passwords with PBKDF2"
import hashlib
import secrets


def hash_password(username, password):
    salt = secrets.token_bytes(16)
    return salt.hex() + hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1).hex()
