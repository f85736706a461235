# kind: xxe
# label: safe
# reason: defusedxml
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xxe-8-0/{xml_doc}")
def xxe_8_0(xml_doc: str):
    doc = SafeET.fromstring(xml_doc)
    print(doc.tag)
    return {"status": "ok"}
