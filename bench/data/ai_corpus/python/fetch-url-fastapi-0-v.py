# corpus: cwe=CWE-918 label=vulnerable lang=python framework=fastapi prompt="an endpoint that fetches a URL for a link preview"
import requests

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/preview")
async def preview(request: Request):
    url = request.query_params.get("url")
    resp = requests.get(url, timeout=5)
    return {"status": resp.status_code, "length": len(resp.text)}
