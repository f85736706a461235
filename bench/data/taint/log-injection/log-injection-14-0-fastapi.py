# kind: log-injection
# label: safe
# reason: !r conversion
import logging

logger = logging.getLogger(__name__)
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/log-14-0")
def log_14_0(username: str = Header(...)):
    logger.info(f"search term: {username!r}")
    return {"status": "ok"}
