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


@app.get("/log-2-0")
def log_2_0(username: Optional[str] = Cookie(None)):
    logger.error("bad token for user %s", username)
    return {"status": "ok"}
