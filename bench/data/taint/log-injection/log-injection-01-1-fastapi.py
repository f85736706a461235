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


@app.get("/log-1-1")
def log_1_1(username: str = Header(...)):
    logging.warning(f"password reset requested by {username}")
    return {"status": "ok"}
