# kind: log-injection
# label: safe
# reason: helper that drops the input
import logging

logger = logging.getLogger(__name__)
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Log131Request(BaseModel):
    username: str
    note: str = ''

def mask(name):
    return "***"


@app.post("/log-13-1")
def log_13_1(body: Log131Request):
    username = body.username
    logger.info("login attempt for " + mask(username))
    return {"status": "ok"}
