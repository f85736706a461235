# kind: command-injection
# label: safe
# reason: constant branch and argv list
import os
import shlex
import subprocess
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/command-23-0/{host}")
def command_23_0(host: str):
    DEBUG = False
    if DEBUG:
        os.system(host)
    subprocess.run(["echo", host])
    return {"status": "ok"}
