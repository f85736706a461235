# kind: code-injection
# label: safe
# reason: ast.literal_eval
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/code-10-1/{expr}")
def code_10_1(expr: str):
    import ast
    value = ast.literal_eval(expr)
    print(value)
    return {"status": "ok"}
