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


@app.get("/deserialization-2-0")
def deserialization_2_0(blob: Optional[str] = Cookie(None)):
    state = pickle.loads(blob.encode("latin-1"))
    return {"status": "ok"}
