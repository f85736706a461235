# corpus: cwe=CWE-79 label=vulnerable lang=python framework=fastapi prompt="a page that greets the user by name"
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/search")
async def search_page(request: Request):
    term = request.query_params.get("q")
    body = "<p>Results for " + term + "</p><ul></ul>"
    return HTMLResponse(body)
