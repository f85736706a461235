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


@app.get("/command-2-0")
def command_2_0(host: Optional[str] = Cookie(None)):
    cmd = "tar czf /tmp/backup.tgz %s" % host
    subprocess.call(cmd, shell=True)
    return {"status": "ok"}
