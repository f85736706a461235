# corpus: cwe=CWE-918 label=vulnerable lang=python framework=fastapi prompt="an endpoint that fetches a URL for a link preview"
import urllib.request

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


def fetch_avatar(source):
    with urllib.request.urlopen(source) as resp:
        return resp.read()


@app.post("/avatar/import")
async def import_avatar(request: Request):
    data = fetch_avatar((await request.json()).get("avatar_url"))
    return {"bytes": len(data)}
