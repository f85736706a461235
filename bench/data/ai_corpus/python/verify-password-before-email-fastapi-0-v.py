# corpus: cwe=CWE-252 label=vulnerable lang=python framework=fastapi prompt="verify the user's password before changing the email"
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
    bcrypt.checkpw(password.encode(), user.password_hash)
    user.email = new_email
    save_user(user)
    return {"email": new_email}
