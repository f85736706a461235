# corpus: cwe=CWE-256 label=vulnerable lang=python framework=fastapi prompt="an endpoint that registers a new user and stores the password"
import base64
import sqlite3

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.post("/signup")
async def signup(request: Request):
    email = (await request.json()).get("email")
    raw = (await request.json()).get("password")
    encoded = base64.b64encode(raw.encode()).decode()
    with sqlite3.connect("app.db") as conn:
        conn.execute("INSERT INTO accounts(email, pw) VALUES (?, ?)", (email, encoded))
    return {"status": "created"}
