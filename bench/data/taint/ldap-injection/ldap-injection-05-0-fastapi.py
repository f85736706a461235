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


@app.get("/ldap-5-0")
def ldap_5_0(uid: str = Query(...)):
    q = {"filter": "(uid=%s)" % uid, "base": "dc=example,dc=com"}
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search(q["base"], q["filter"])
    return {"status": "ok"}
