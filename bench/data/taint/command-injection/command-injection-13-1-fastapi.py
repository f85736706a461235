# kind: command-injection
# label: safe
# reason: shlex.quote
import os
import shlex
import subprocess
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Command131Request(BaseModel):
    host: str
    note: str = ''


@app.post("/command-13-1")
def command_13_1(body: Command131Request):
    host = body.host
    os.system("ping -c 1 " + shlex.quote(host))
    return {"status": "ok"}
