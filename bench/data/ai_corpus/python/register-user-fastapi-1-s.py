# corpus: cwe=CWE-256 label=safe lang=python framework=fastapi prompt="an endpoint that registers a new user and stores the password"
import sqlite3

import bcrypt

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.post("/signup")
async def signup(request: Request):
    email = (await request.json()).get("email")
    raw = (await request.json()).get("password")
    hashed = bcrypt.hashpw(raw.encode(), bcrypt.gensalt()).decode()
    with sqlite3.connect("app.db") as conn:
        conn.execute("INSERT INTO accounts(email, pw) VALUES (?, ?)", (email, hashed))
    return {"status": "created"}
