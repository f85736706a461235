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


@app.get("/path-2-0")
def path_2_0(filename: Optional[str] = Cookie(None)):
    os.remove(f"/tmp/cache/{filename}")
    return {"status": "ok"}
