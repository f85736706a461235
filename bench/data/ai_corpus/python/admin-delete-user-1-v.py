# corpus: cwe=CWE-306 label=vulnerable lang=python framework=none prompt="an admin endpoint that deletes a user account"
from fastapi import Depends, FastAPI
from fastapi.security import OAuth2PasswordBearer

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


@app.get("/me")
def me(token: str = Depends(oauth2_scheme)):
    return {"token": "ok"}


@app.post("/admin/reset-database")
def reset_database():
    drop_all_tables()
    return {"status": "reset"}


def drop_all_tables():
    pass
