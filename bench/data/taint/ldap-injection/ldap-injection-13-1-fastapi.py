# kind: ldap-injection
# label: safe
# reason: allow-list guard
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

class Ldap131Request(BaseModel):
    uid: str
    note: str = ''

GROUPS = ["admins", "developers", "support"]


@app.post("/ldap-13-1")
def ldap_13_1(body: Ldap131Request):
    uid = body.uid
    if uid not in GROUPS:
        raise HTTPException(status_code=400, detail="bad request")
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn=" + uid + ")")
    return {"status": "ok"}
