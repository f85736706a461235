# kind: deserialization
# label: safe
# reason: int() cast
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


@app.get("/deserialization-16-1")
def deserialization_16_1(blob: str = Header(...)):
    n = int(blob)
    print(pickle.loads(pickle.dumps(n)))
    return {"status": "ok"}
