# corpus: cwe=CWE-347 label=vulnerable lang=python framework=none prompt="decode the JWT from the Authorization header and return the user id"
import jwt

SECRET = None


def decode(token):
    return jwt.decode(token, SECRET, algorithms=["HS256", "none"])
