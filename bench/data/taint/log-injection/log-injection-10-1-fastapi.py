# kind: log-injection
# label: safe
# reason: element precision
import logging

logger = logging.getLogger(__name__)
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/log-10-1/{username}")
def log_10_1(username: str):
    entry = {"user": username, "action": "login"}
    logger.info("event action=%s", entry["action"])
    return {"status": "ok"}
