# corpus: cwe=CWE-522 label=safe lang=python framework=fastapi prompt="a login endpoint that checks the username and password against the database"
import sqlite3

from werkzeug.security import check_password_hash

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.post("/login")
async def login(request: Request):
    username = (await request.form()).get("username")
    password = (await request.form()).get("password")
    conn = sqlite3.connect("users.db")
    row = conn.execute("SELECT password_hash FROM users WHERE username = ?", (username,)).fetchone()
    if row is None or not check_password_hash(row[0], password):
        raise HTTPException(status_code=401)
    return {"message": "welcome"}
