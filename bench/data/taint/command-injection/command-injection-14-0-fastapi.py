# kind: command-injection
# label: safe
# reason: int() cast
import os
import shlex
import subprocess
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/command-14-0")
def command_14_0(host: str = Header(...)):
    port = int(host)
    os.system(f"fuser {port}/tcp")
    return {"status": "ok"}
