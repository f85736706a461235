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


@app.get("/path-7-1")
def path_7_1(filename: str = Query(...)):
    paths = {"src": filename, "dst": "/tmp/out"}
    shutil.copy(paths["src"], paths["dst"])
    return {"status": "ok"}
