# corpus: cwe=CWE-79 label=safe lang=python framework=fastapi prompt="a page that greets the user by name"
from markupsafe import escape

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/search")
async def search_page(request: Request):
    term = request.query_params.get("q")
    body = "<p>Results for " + str(escape(term)) + "</p><ul></ul>"
    return HTMLResponse(body)
