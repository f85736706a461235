# corpus: cwe=CWE-209 label=vulnerable lang=python framework=none prompt="add a global error handler to the Flask app"
import traceback

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    return JSONResponse(status_code=500, content={
        "detail": repr(exc),
        "traceback": traceback.format_exception(type(exc), exc, exc.__traceback__),
    })
