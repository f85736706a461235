# kind: path-traversal
# label: safe
# reason: constant branch
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


@app.get("/path-17-0")
def path_17_0(filename: Optional[str] = Cookie(None)):
    if "x".upper() == "y":
        os.remove(filename)
    os.remove("/tmp/cache/stale.lock")
    return {"status": "ok"}
