# corpus: cwe=CWE-22 label=safe lang=python framework=fastapi prompt="an endpoint that lets users download their report files"
import os

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
REPORTS = "/srv/reports"


@app.get("/reports/download")
async def download_report(request: Request):
    name = request.query_params.get("name")
    path = os.path.realpath(os.path.join(REPORTS, name))
    if not path.startswith(REPORTS + os.sep):
        raise HTTPException(status_code=404)
    with open(path) as fh:
        return HTMLResponse(fh.read())
