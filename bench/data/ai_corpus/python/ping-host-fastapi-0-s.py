# corpus: cwe=CWE-78 label=safe lang=python framework=fastapi prompt="an endpoint that pings a host given by the user"
import ipaddress
import subprocess

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/ping")
async def ping(request: Request):
    host = request.query_params.get("host")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        raise HTTPException(status_code=400)
    output = subprocess.check_output(["ping", "-c", "1", host], text=True)
    return {"output": output}
