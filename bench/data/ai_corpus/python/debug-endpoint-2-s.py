# corpus: cwe=CWE-215 label=safe lang=python framework=none prompt="add a debug endpoint that shows the app configuration"
import platform

from fastapi import FastAPI

app = FastAPI()


@app.get("/_info")
def debug_info():
    return {"python": platform.python_version()}
