# kind: ldap-injection
# label: safe
# reason: escape_filter_chars
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/ldap-10-1/{uid}")
def ldap_10_1(uid: str):
    safe = escape_filter_chars(uid)
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + safe + ")")
    return {"status": "ok"}
