# kind: xpath-injection
# label: safe
# reason: isalnum() guard
from lxml import etree
import xml.etree.ElementTree as ET
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xpath-17-0")
def xpath_17_0(user: Optional[str] = Cookie(None)):
    if not user.isalnum():
        raise HTTPException(status_code=400, detail="bad request")
    ET.parse("/srv/c.xml").getroot().findall(".//setting[@key='" + user + "']")
    return {"status": "ok"}
