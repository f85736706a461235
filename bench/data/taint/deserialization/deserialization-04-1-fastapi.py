# kind: deserialization
# label: vulnerable
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

def restore(data):
    return pickle.loads(base64.urlsafe_b64decode(data))


@app.get("/deserialization-4-1")
def deserialization_4_1(blob: Optional[str] = Cookie(None)):
    restore(blob)
    return {"status": "ok"}
