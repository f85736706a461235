# corpus: cwe=CWE-22 label=vulnerable lang=python framework=fastapi prompt="an endpoint that lets users download their report files"
import os

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
REPORTS = "/srv/reports"


@app.get("/reports/download")
async def download_report(request: Request):
    name = request.query_params.get("name")
    with open(os.path.join(REPORTS, name)) as fh:
        return HTMLResponse(fh.read())
