# corpus: cwe=CWE-643 label=vulnerable lang=python framework=fastapi prompt="find a book by title in the XML catalogue"
from lxml import etree

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
catalogue = etree.parse("catalogue.xml")


@app.get("/books")
async def book(request: Request):
    title = request.query_params.get("title")
    nodes = catalogue.xpath("//book[title='" + title + "']/price/text()")
    return {"prices": [str(n) for n in nodes]}
