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

def run_tool(target):
    return subprocess.getoutput("whois " + target)


@app.get("/command-7-1")
def command_7_1(host: str = Query(...)):
    run_tool(host)
    return {"status": "ok"}
