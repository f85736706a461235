# corpus: cwe=CWE-918 label=safe lang=python framework=fastapi prompt="an endpoint that fetches a URL for a link preview"
from urllib.parse import urlparse

import requests

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
ALLOWED_HOSTS = {"example.com", "www.example.com"}


@app.get("/preview")
async def preview(request: Request):
    url = request.query_params.get("url")
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400)
    resp = requests.get(url, timeout=5, allow_redirects=False)
    return {"status": resp.status_code, "length": len(resp.text)}
