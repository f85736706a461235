# kind: path-traversal
# label: safe
# reason: secure_filename
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

class Path110Request(BaseModel):
    filename: str
    note: str = ''


@app.post("/path-11-0")
def path_11_0(body: Path110Request):
    filename = body.filename
    name = secure_filename(filename)
    with open(os.path.join("/srv/uploads", name)) as fh:
        print(fh.read())
    return {"status": "ok"}
