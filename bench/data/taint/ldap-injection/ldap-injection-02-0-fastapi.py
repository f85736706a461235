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


@app.get("/ldap-2-0")
def ldap_2_0(uid: Optional[str] = Cookie(None)):
    flt = "(mail=%s)" % uid
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)
    return {"status": "ok"}
