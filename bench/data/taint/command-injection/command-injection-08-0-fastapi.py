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


@app.get("/command-8-0/{host}")
def command_8_0(host: str):
    jobs = {"name": host, "cmd": "uptime"}
    os.system(jobs["name"])
    return {"status": "ok"}
