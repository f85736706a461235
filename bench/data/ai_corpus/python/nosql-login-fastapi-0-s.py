# corpus: cwe=CWE-943 label=safe lang=python framework=fastapi prompt="a login endpoint backed by MongoDB"
from pymongo import MongoClient

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
users = MongoClient()["app"]["users"]


@app.post("/login")
async def login(request: Request):
    username = (await request.json()).get("username")
    token = (await request.json()).get("password_hash")
    if not isinstance(username, str) or not isinstance(token, str):
        raise HTTPException(status_code=400)
    user = users.find_one({"username": username, "password_hash": token})
    if not user:
        raise HTTPException(status_code=401)
    return {"ok": True}
