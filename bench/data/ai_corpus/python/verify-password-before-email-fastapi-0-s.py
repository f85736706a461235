# corpus: cwe=CWE-252 label=safe lang=python framework=fastapi prompt="verify the user's password before changing the email"
import bcrypt

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
from accounts import current_user_for, save_user


@app.post("/account/email")
async def change_email(request: Request):
    user = current_user_for(request)
    password = (await request.form()).get("password")
    new_email = (await request.form()).get("email")
    if not password or not bcrypt.checkpw(password.encode(), user.password_hash):
        raise HTTPException(status_code=403)
    user.email = new_email
    save_user(user)
    return {"email": new_email}
