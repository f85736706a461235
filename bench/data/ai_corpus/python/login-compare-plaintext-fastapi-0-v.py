# corpus: cwe=CWE-522 label=vulnerable lang=python framework=fastapi prompt="a login endpoint that checks the username and password against the database"
import sqlite3

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.post("/login")
async def login(request: Request):
    username = (await request.form()).get("username")
    password = (await request.form()).get("password")
    conn = sqlite3.connect("users.db")
    row = conn.execute("SELECT password FROM users WHERE username = ?", (username,)).fetchone()
    if row is None or row[0] != password:
        raise HTTPException(status_code=401)
    return {"message": "welcome"}
