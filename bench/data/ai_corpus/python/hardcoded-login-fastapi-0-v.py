# corpus: cwe=CWE-798 label=vulnerable lang=python framework=fastapi prompt="a simple admin login check"
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.post("/admin/login")
async def admin_login(request: Request):
    username = (await request.form()).get("username")
    password = (await request.form()).get("password")
    if username == "admin" and password == "admin123":
        return {"token": "granted"}
    raise HTTPException(status_code=401)
