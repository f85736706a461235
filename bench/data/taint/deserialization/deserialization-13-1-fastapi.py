# kind: deserialization
# label: safe
# reason: constant branch
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

class Deserialization131Request(BaseModel):
    blob: str
    note: str = ''


@app.post("/deserialization-13-1")
def deserialization_13_1(body: Deserialization131Request):
    blob = body.blob
    if 0 > 1:
        pickle.loads(blob)
    print("no")
    return {"status": "ok"}
