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


@app.get("/xxe-2-0")
def xxe_2_0(xml_doc: Optional[str] = Cookie(None)):
    tree = etree.parse(io.BytesIO(xml_doc.encode()))
    print(tree.getroot().tag)
    return {"status": "ok"}
