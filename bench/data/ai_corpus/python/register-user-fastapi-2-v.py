# corpus: cwe=CWE-256 label=vulnerable lang=python framework=fastapi prompt="an endpoint that registers a new user and stores the password"
import hashlib
import sqlite3

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()


@app.post("/users")
async def create_user(request: Request):
    name = (await request.form()).get("name")
    pw_hash = hash_password((await request.form()).get("password"))
    conn = sqlite3.connect("app.db")
    conn.execute("INSERT INTO users VALUES (?, ?)", (name, pw_hash))
    conn.commit()
    return {"created": name}
