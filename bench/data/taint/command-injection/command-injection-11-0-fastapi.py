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

class Command110Request(BaseModel):
    host: str
    note: str = ''


@app.post("/command-11-0")
def command_11_0(body: Command110Request):
    host = body.host
    line = "host " + host.strip()
    os.system(line)
    return {"status": "ok"}
