# kind: path-traversal
# label: safe
# reason: int() cast
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


@app.get("/path-16-1")
def path_16_1(filename: str = Header(...)):
    doc_id = int(filename)
    with open(f"/srv/docs/{doc_id}.json") as f:
        print(f.read())
    return {"status": "ok"}
