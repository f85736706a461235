# kind: ldap-injection
# label: safe
# reason: helper escapes the filter
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()

from .helpers import clean


@app.get("/ldap-17-0")
def ldap_17_0(uid: Optional[str] = Cookie(None)):
    user = clean(uid)
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search("dc=example,dc=com", "(uid=%s)" % user)
    return {"status": "ok"}
