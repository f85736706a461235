# corpus: cwe=CWE-601 label=vulnerable lang=python framework=fastapi prompt="redirect the user back to the page they came from after login"
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/after-login")
async def after_login(request: Request):
    next_url = request.query_params.get("next") or "/"
    return RedirectResponse(next_url)
