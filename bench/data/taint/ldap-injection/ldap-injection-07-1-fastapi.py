# kind: ldap-injection
# label: vulnerable
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/ldap-7-1")
def ldap_7_1(uid: str = Query(...)):
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search(search_base="dc=example,dc=com", search_filter="(uid=" + uid.strip() + ")")
    return {"status": "ok"}
