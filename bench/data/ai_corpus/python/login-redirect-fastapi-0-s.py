# corpus: cwe=CWE-601 label=safe lang=python framework=fastapi prompt="redirect the user back to the page they came from after login"
from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/after-login")
async def after_login(request: Request):
    next_url = request.query_params.get("next") or "/"
    parts = urlparse(next_url)
    if parts.netloc or parts.scheme or not next_url.startswith("/"):
        next_url = "/"
    return RedirectResponse(next_url)
