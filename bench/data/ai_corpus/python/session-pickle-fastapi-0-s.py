# corpus: cwe=CWE-502 label=safe lang=python framework=fastapi prompt="restore the user's saved preferences from a cookie"
import base64
import json

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/prefs")
async def load_prefs(request: Request):
    blob = request.cookies.get("prefs")
    prefs = json.loads(base64.b64decode(blob))
    return prefs
