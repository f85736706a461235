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


@app.get("/command-1-1")
def command_1_1(host: str = Header(...)):
    out = subprocess.check_output(f"nslookup {host}", shell=True)
    print(out)
    return {"status": "ok"}
