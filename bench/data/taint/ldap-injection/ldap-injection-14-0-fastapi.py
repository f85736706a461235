# kind: ldap-injection
# label: safe
# reason: int() cast
import ldap
from ldap.filter import escape_filter_chars
from ldap3 import Connection, Server
from fastapi.responses import JSONResponse
from typing import Optional
from fastapi import FastAPI, Query, Header, Cookie, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


@app.get("/ldap-14-0")
def ldap_14_0(uid: str = Header(...)):
    emp = int(uid)
    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(employeeNumber={emp})")
    return {"status": "ok"}
