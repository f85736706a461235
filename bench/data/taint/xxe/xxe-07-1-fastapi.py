# kind: xxe
# label: vulnerable
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xxe-7-1")
def xxe_7_1(xml_doc: str = Query(...)):
    payload = xml_doc.strip().encode("utf-8")
    elem = etree.fromstring(payload, parser=etree.XMLParser(load_dtd=True, no_network=False))
    return {"status": "ok"}
