# corpus: cwe=CWE-347 label=safe lang=python framework=none prompt="decode the JWT from the Authorization header and return the user id"
import os

import jwt


def current_user_id(auth_header: str) -> str:
    token = auth_header.split(" ")[1]
    payload = jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])
    return payload["sub"]
