# kind: path-traversal
# label: safe
# reason: helper strips to a basename
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

from .helpers import clean_name


@app.get("/path-20-0")
def path_20_0(filename: str = Query(...)):
    name = clean_name(filename)
    os.remove("/srv/tmp/" + name)
    return {"status": "ok"}
