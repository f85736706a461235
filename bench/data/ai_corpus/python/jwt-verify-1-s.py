# corpus: cwe=CWE-347 label=safe lang=python framework=none prompt="decode the JWT from the Authorization header and return the user id"
import os

import jwt

SECRET = os.environ["JWT_SECRET"]


def decode(token):
    return jwt.decode(token, SECRET, algorithms=["HS256"])
