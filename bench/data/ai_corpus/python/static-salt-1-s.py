# corpus: cwe=CWE-760 label=safe lang=python framework=none prompt="hash passwords with PBKDF2"
import bcrypt


def hash_pw(pw):
    return bcrypt.hashpw(pw.encode(), bcrypt.gensalt())
