# kind: xxe
# label: safe
# reason: entities disabled
from lxml import etree
import defusedxml.ElementTree as SafeET
import io
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/xxe-14-0")
def xxe_14_0(xml_doc: str = Header(...)):
    safe_parser = etree.XMLParser(resolve_entities=False)
    tree = etree.parse(io.BytesIO(xml_doc.encode()), parser=safe_parser)
    print(tree.getroot().tag)
    return {"status": "ok"}
