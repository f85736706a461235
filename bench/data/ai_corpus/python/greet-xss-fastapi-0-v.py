# corpus: cwe=CWE-79 label=vulnerable lang=python framework=fastapi prompt="a page that greets the user by name"
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/hello")
async def hello(request: Request):
    name = request.query_params.get("name")
    return HTMLResponse(f"<h1>Hello, {name}!</h1>")
