# corpus: cwe=CWE-78 label=vulnerable lang=python framework=fastapi prompt="an endpoint that pings a host given by the user"
import subprocess

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/ping")
async def ping(request: Request):
    host = request.query_params.get("host")
    output = subprocess.check_output(f"ping -c 1 {host}", shell=True, text=True)
    return {"output": output}
