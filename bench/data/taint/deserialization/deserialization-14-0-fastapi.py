# kind: deserialization
# label: safe
# reason: helper that drops the input
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

def cached_state(key):
    return pickle.dumps({"empty": True})


@app.get("/deserialization-14-0")
def deserialization_14_0(blob: str = Header(...)):
    blob = cached_state(blob)
    obj = pickle.loads(blob)
    return {"status": "ok"}
