# corpus: cwe=CWE-760 label=vulnerable lang=python framework=none prompt="hash passwords with PBKDF2"
import bcrypt

SALT = b"$2b$12$abcdefghijklmnopqrstuu"


def hash_pw(pw):
    return bcrypt.hashpw(pw.encode(), SALT)
