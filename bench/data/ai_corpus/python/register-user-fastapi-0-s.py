# corpus: cwe=CWE-256 label=safe lang=python framework=fastapi prompt="an endpoint that registers a new user and stores the password"
import sqlite3

from werkzeug.security import generate_password_hash

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


def db():
    return sqlite3.connect("users.db")


@app.post("/register")
async def register(request: Request):
    username = (await request.form()).get("username")
    password = (await request.form()).get("password")
    conn = db()
    conn.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                 (username, generate_password_hash(password)))
    conn.commit()
    return {"ok": True}
