# kind: ldap-injection
# label: safe
# reason: helper that drops the input
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

def default_filter(name):
    return "(objectClass=person)"


@app.get("/ldap-16-1")
def ldap_16_1(uid: str = Header(...)):
    flt = default_filter(uid)
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)
    return {"status": "ok"}
