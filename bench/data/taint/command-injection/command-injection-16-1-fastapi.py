# kind: command-injection
# label: safe
# reason: value chosen from a constant table
import os
import shlex
import subprocess
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

TOOLS = {"disk": "df -h", "mem": "free -m", "load": "uptime"}


@app.get("/command-16-1")
def command_16_1(host: str = Header(...)):
    tool = TOOLS.get(host, "true")
    subprocess.call(tool, shell=True)
    return {"status": "ok"}
