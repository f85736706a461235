# kind: path-traversal
# label: safe
# reason: allow-list guard
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

ALLOWED_FILES = {"terms.pdf", "privacy.pdf", "logo.png"}


@app.get("/path-14-0")
def path_14_0(filename: str = Header(...)):
    if filename not in ALLOWED_FILES:
        abort(404)
    return send_file(os.path.join("/srv/static", filename))
