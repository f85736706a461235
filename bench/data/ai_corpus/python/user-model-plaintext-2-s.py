# corpus: cwe=CWE-256 label=safe lang=python framework=none prompt="a SQLAlchemy User model with a set_password method"
import hashlib
import os


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return salt.hex() + "$" + key.hex()


def save_user(db, username: str, password: str) -> None:
    db.execute("INSERT INTO users (username, password) VALUES (%s, %s)",
               (username, hash_password(password)))
