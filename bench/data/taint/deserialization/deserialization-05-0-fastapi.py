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


@app.get("/deserialization-5-0")
def deserialization_5_0(blob: str = Query(...)):
    items = {"state": blob, "version": "1"}
    pickle.loads(base64.b64decode(items["state"]))
    return {"status": "ok"}
