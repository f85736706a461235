# kind: log-injection
# label: safe
# reason: %r formatting escapes line breaks
import logging

logger = logging.getLogger(__name__)
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/log-8-0/{username}")
def log_8_0(username: str):
    logger.info("login attempt for %r", username)
    return {"status": "ok"}
