# kind: deserialization
# label: safe
# reason: yaml.safe_load
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


@app.get("/deserialization-10-1/{blob}")
def deserialization_10_1(blob: str):
    config = yaml.safe_load(blob)
    print(config)
    return {"status": "ok"}
