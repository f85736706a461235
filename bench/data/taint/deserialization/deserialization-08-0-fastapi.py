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


@app.get("/deserialization-8-0/{blob}")
def deserialization_8_0(blob: str):
    import jsonpickle
    obj = jsonpickle.decode(blob)
    return {"status": "ok"}
