# corpus: cwe=CWE-798 label=safe lang=python framework=fastapi prompt="a simple admin login check"
import hmac
import os

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
ADMIN_USER = os.environ["ADMIN_USER"]
ADMIN_PASSWORD = os.environ["ADMIN_PASSWORD"]


@app.post("/admin/login")
async def admin_login(request: Request):
    username = (await request.form()).get("username") or ""
    password = (await request.form()).get("password") or ""
    if hmac.compare_digest(username, ADMIN_USER) and hmac.compare_digest(password, ADMIN_PASSWORD):
        return {"token": "granted"}
    raise HTTPException(status_code=401)
