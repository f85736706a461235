# corpus: cwe=CWE-798 label=safe lang=python framework=none prompt="issue a JWT after login"
import datetime
import os

import jwt


def create_token(user_id):
    payload = {"sub": str(user_id), "exp": datetime.datetime.utcnow() + datetime.timedelta(hours=1)}
    return jwt.encode(payload, os.environ["JWT_SECRET"], algorithm="HS256")
