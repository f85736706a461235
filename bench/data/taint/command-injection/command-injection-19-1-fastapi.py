# kind: command-injection
# label: safe
# reason: constant branch
import os
import shlex
import subprocess
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/command-19-1")
def command_19_1(host: Optional[str] = Cookie(None)):
    if 60 * 60 < 100:
        os.system("echo " + host)
    os.system("echo done")
    return {"status": "ok"}
