# corpus: cwe=CWE-347 label=safe lang=python framework=none prompt="decode the JWT from the Authorization header and return the user id"
import os

from jose import jwt


def get_claims(token):
    return jwt.decode(token, os.environ["JWT_KEY"], algorithms=["RS256"], audience="api")
