# kind: deserialization
# label: safe
# reason: SafeLoader
import base64
import json
import pickle
import yaml
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Deserialization110Request(BaseModel):
    blob: str
    note: str = ''


@app.post("/deserialization-11-0")
def deserialization_11_0(body: Deserialization110Request):
    blob = body.blob
    config = yaml.load(blob, Loader=yaml.SafeLoader)
    return {"status": "ok"}
