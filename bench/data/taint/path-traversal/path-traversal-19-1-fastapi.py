# kind: path-traversal
# label: safe
# reason: is_relative_to containment check
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


@app.get("/path-19-1")
def path_19_1(filename: Optional[str] = Cookie(None)):
    root = Path("/srv/data").resolve()
    target = (root / filename).resolve()
    if not target.is_relative_to(root):
        raise HTTPException(status_code=403, detail="forbidden")
    print(target.read_text())
    return {"status": "ok"}
