# corpus: cwe=CWE-256 label=vulnerable lang=python framework=none prompt="a SQLAlchemy User model with a set_password method"
import hashlib

SALT = "s3cr3t-salt"


def hash_password(password: str) -> str:
    return hashlib.sha256((SALT + password).encode()).hexdigest()


def save_user(db, username: str, password: str) -> None:
    db.execute("INSERT INTO users (username, password) VALUES (%s, %s)",
               (username, hash_password(password)))
