# corpus: cwe=CWE-117 label=vulnerable lang=python framework=fastapi prompt="log each failed login with the username"
import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
log = logging.getLogger("auth")


@app.post("/login")
async def login(request: Request):
    username = (await request.form()).get("username")
    log.warning("failed login for " + username)
    raise HTTPException(status_code=401)
