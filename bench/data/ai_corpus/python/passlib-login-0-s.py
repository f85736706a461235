# corpus: cwe=CWE-252 label=safe lang=python framework=none prompt="a FastAPI login route that checks the password with passlib and returns a token"
from fastapi import FastAPI, HTTPException
from passlib.context import CryptContext
from pydantic import BaseModel

from auth import create_access_token
from users import find_user

app = FastAPI()
pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")


class LoginForm(BaseModel):
    username: str
    password: str


@app.post("/login")
def login(form: LoginForm):
    user = find_user(form.username)
    if user is None or not pwd_context.verify(form.password, user.hashed_password):
        raise HTTPException(status_code=401, detail="invalid credentials")
    return {"access_token": create_access_token(user.id), "token_type": "bearer"}
