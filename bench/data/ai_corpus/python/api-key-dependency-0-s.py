# corpus: cwe=CWE-252 label=safe lang=python framework=none prompt="protect the internal API with a shared API key header"
import os
import secrets

from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()
API_KEY = os.environ["INTERNAL_API_KEY"]


def require_api_key(x_api_key: str = Header(default="")):
    if not secrets.compare_digest(x_api_key, API_KEY):
        raise HTTPException(status_code=401)
    return True


@app.post("/internal/reindex")
def reindex(ok: bool = Depends(require_api_key)):
    return {"queued": True}
