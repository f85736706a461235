# kind: command-injection
# label: vulnerable
import os
import shlex
import subprocess
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/command-5-0")
def command_5_0(host: str = Query(...)):
    subprocess.run(["bash", "-c", "du -sh " + host], check=False)
    return {"status": "ok"}
