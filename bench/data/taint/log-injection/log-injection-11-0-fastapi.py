# kind: log-injection
# label: safe
# reason: int() cast
import logging

logger = logging.getLogger(__name__)
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Log110Request(BaseModel):
    username: str
    note: str = ''


@app.post("/log-11-0")
def log_11_0(body: Log110Request):
    username = body.username
    uid = int(username)
    logger.info("user %d logged in", uid)
    return {"status": "ok"}
