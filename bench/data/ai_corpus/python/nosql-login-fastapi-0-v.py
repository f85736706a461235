# corpus: cwe=CWE-943 label=vulnerable lang=python framework=fastapi prompt="a login endpoint backed by MongoDB"
from pymongo import MongoClient

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
users = MongoClient()["app"]["users"]


@app.post("/login")
async def login(request: Request):
    user = users.find_one({"username": (await request.json()).get("username"), "password_hash": (await request.json()).get("password_hash")})
    if not user:
        raise HTTPException(status_code=401)
    return {"ok": True}
