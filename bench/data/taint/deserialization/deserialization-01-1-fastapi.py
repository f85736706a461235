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


@app.get("/deserialization-1-1")
def deserialization_1_1(blob: str = Header(...)):
    config = yaml.load(blob, Loader=yaml.Loader)
    print(config)
    return {"status": "ok"}
