# kind: command-injection
# label: safe
# reason: element precision
import os
import shlex
import subprocess
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/command-17-0")
def command_17_0(host: Optional[str] = Cookie(None)):
    jobs = {"name": host, "cmd": "uptime"}
    os.system(jobs["cmd"])
    return {"status": "ok"}
