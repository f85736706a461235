# kind: ldap-injection
# label: safe
# reason: input only in the attribute list
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/ldap-19-1")
def ldap_19_1(uid: Optional[str] = Cookie(None)):
    conn = Connection(Server("dir"), auto_bind=True)
    conn.search("dc=example,dc=com", "(objectClass=person)", attributes=[uid])
    return {"status": "ok"}
