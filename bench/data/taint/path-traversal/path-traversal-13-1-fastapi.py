# kind: path-traversal
# label: safe
# reason: base-dir containment check
import os
import shutil
from pathlib import Path
from werkzeug.utils import secure_filename
from flask import send_file
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Path131Request(BaseModel):
    filename: str
    note: str = ''


@app.post("/path-13-1")
def path_13_1(body: Path131Request):
    filename = body.filename
    base = os.path.realpath("/srv/data")
    path = os.path.realpath(os.path.join(base, filename))
    if not path.startswith(base + os.sep):
        raise HTTPException(status_code=403, detail="forbidden")
    with open(path) as f:
        print(f.read())
    return {"status": "ok"}
