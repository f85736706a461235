# corpus: cwe=CWE-347 label=safe lang=python framework=none prompt="decode the JWT from the Authorization header and return the user id"
import jwt


def verify(token, key):
    return jwt.decode(token, key, algorithms=["HS256"])
