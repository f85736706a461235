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


@app.get("/log-5-0")
def log_5_0(username: str = Query(...)):
    entry = {"user": username, "action": "login"}
    logger.info("event user=%s", entry["user"])
    return {"status": "ok"}
