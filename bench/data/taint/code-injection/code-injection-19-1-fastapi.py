# kind: code-injection
# label: safe
# reason: json.loads instead of eval
import math
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/code-19-1")
def code_19_1(expr: Optional[str] = Cookie(None)):
    import json
    config = json.loads(expr)
    print(config)
    return {"status": "ok"}
