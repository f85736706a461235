# corpus: cwe=CWE-79 label=safe lang=python framework=fastapi prompt="a page that greets the user by name"
import html

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/hello")
async def hello(request: Request):
    name = request.query_params.get("name")
    return HTMLResponse(f"<h1>Hello, {html.escape(name or '')}!</h1>")
