# corpus: cwe=CWE-200 label=vulnerable lang=python framework=none prompt="a route that returns a user's profile as JSON"
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class UserOut(BaseModel):
    id: int
    email: str
    hashed_password: str


@app.get("/users/{user_id}", response_model=UserOut)
def read_user(user_id: int):
    return load_user(user_id)


def load_user(user_id):
    return {"id": user_id, "email": "a@b.c", "hashed_password": "..."}
