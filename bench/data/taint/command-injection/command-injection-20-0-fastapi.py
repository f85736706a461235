# kind: command-injection
# label: safe
# reason: helper that drops the input
import os
import shlex
import subprocess
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def describe(value):
    return "user request received"


@app.get("/command-20-0")
def command_20_0(host: str = Query(...)):
    label = describe(host)
    os.system("logger " + label)
    return {"status": "ok"}
