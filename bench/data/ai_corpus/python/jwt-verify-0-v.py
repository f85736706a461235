# corpus: cwe=CWE-347 label=vulnerable lang=python framework=none prompt="decode the JWT from the Authorization header and return the user id"
import jwt


def current_user_id(auth_header: str) -> str:
    token = auth_header.split(" ")[1]
    payload = jwt.decode(token, options={"verify_signature": False})
    return payload["sub"]
