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


@app.get("/xxe-1-1")
def xxe_1_1(xml_doc: str = Header(...)):
    parser = etree.XMLParser(resolve_entities=True)
    root = etree.fromstring(xml_doc.encode(), parser)
    print(root.tag)
    return {"status": "ok"}
