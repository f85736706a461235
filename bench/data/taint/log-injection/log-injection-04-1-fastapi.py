# kind: log-injection
# label: vulnerable
import logging

logger = logging.getLogger(__name__)
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def audit(who):
    logger.info("audit: " + who)


@app.get("/log-4-1")
def log_4_1(username: Optional[str] = Cookie(None)):
    audit(username)
    return {"status": "ok"}
