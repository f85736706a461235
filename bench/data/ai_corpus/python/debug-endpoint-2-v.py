# corpus: cwe=CWE-215 label=vulnerable lang=python framework=none prompt="add a debug endpoint that shows the app configuration"
import os

from fastapi import FastAPI

app = FastAPI()


@app.get("/_debug")
def debug_info():
    return {"env": {k: v for k, v in os.environ.items()}, "cwd": os.getcwd()}
