# corpus: cwe=CWE-918 label=safe lang=python framework=fastapi prompt="an endpoint that fetches a URL for a link preview"
import urllib.request

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
CDN = "https://cdn.example.com/avatars/"


def fetch_avatar(name):
    with urllib.request.urlopen(CDN + name.replace("/", "")) as resp:
        return resp.read()


@app.post("/avatar/import")
async def import_avatar(request: Request):
    data = fetch_avatar("default.png")
    return {"bytes": len(data)}
