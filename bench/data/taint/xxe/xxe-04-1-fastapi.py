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


@app.get("/xxe-4-1")
def xxe_4_1(xml_doc: Optional[str] = Cookie(None)):
    import xml.sax
    from xml.sax.handler import feature_external_ges
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.parse(io.StringIO(xml_doc))
    return {"status": "ok"}
