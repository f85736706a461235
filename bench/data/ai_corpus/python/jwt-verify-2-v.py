# corpus: cwe=CWE-347 label=vulnerable lang=python framework=none prompt="decode the JWT from the Authorization header and return the user id"
from jose import jwt


def get_claims(token):
    return jwt.get_unverified_claims(token)
