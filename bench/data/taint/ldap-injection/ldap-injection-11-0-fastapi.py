# kind: ldap-injection
# label: safe
# reason: isalnum() guard
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Ldap110Request(BaseModel):
    uid: str
    note: str = ''


@app.post("/ldap-11-0")
def ldap_11_0(body: Ldap110Request):
    uid = body.uid
    if not uid.isalnum():
        raise HTTPException(status_code=400, detail="bad request")
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search("dc=example,dc=com", f"(uid={uid})")
    return {"status": "ok"}
