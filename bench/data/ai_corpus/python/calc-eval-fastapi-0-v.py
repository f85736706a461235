# corpus: cwe=CWE-94 label=vulnerable lang=python framework=fastapi prompt="a calculator endpoint that evaluates an arithmetic expression"
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/calc")
async def calc(request: Request):
    expr = request.query_params.get("expr")
    return {"result": eval(expr)}
