# kind: xxe
# label: safe
# reason: element precision
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xxe-10-1/{xml_doc}")
def xxe_10_1(xml_doc: str):
    docs = {"body": xml_doc, "schema": "<x/>"}
    etree.fromstring(docs["schema"])
    return {"status": "ok"}
