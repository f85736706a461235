# corpus: cwe=CWE-78 label=vulnerable lang=python framework=fastapi prompt="an endpoint that pings a host given by the user"
import os

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


def convert(src, fmt):
    os.system("convert " + src + " out." + fmt)
    return "out." + fmt


@app.post("/convert")
async def convert_image(request: Request):
    return {"file": convert((await request.form()).get("file"), (await request.form()).get("format"))}
