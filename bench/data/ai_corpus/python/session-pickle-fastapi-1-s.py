# corpus: cwe=CWE-502 label=safe lang=python framework=fastapi prompt="restore the user's saved preferences from a cookie"
import yaml

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.post("/import")
async def import_config(request: Request):
    text = (await request.form()).get("config")
    return yaml.safe_load(text)
