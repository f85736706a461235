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


@app.get("/command-4-1")
def command_4_1(host: Optional[str] = Cookie(None)):
    proc = subprocess.Popen("convert {} out.png".format(host), shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return {"status": "ok"}
