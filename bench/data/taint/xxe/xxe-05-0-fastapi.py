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


@app.get("/xxe-5-0")
def xxe_5_0(xml_doc: str = Query(...)):
    docs = {"body": xml_doc, "schema": "<x/>"}
    etree.fromstring(docs["body"])
    return {"status": "ok"}
