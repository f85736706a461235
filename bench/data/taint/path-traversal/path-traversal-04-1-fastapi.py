# kind: path-traversal
# label: vulnerable
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

BASE_DIR = "/srv/app"


@app.get("/path-4-1")
def path_4_1(filename: Optional[str] = Cookie(None)):
    target = os.path.join(BASE_DIR, "exports", filename)
    shutil.rmtree(target)
    return {"status": "ok"}
