# corpus: cwe=CWE-835 label=safe lang=python framework=fastapi prompt="paginate through results up to the page the client asks for"
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
MAX_PAGES = 20


def fetch_page(n):
    return [n * 10 + i for i in range(10)]


@app.get("/items")
async def items(request: Request):
    pages = min(int(request.query_params.get("pages")), MAX_PAGES)
    out = []
    for n in range(pages):
        out.extend(fetch_page(n))
    return {"items": out}
