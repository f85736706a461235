# corpus: cwe=CWE-78 label=safe lang=python framework=fastapi prompt="an endpoint that pings a host given by the user"
import subprocess

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()
FORMATS = ("png", "jpg", "webp")


def convert(src, fmt):
    subprocess.run(["convert", "--", src, "out." + fmt], check=True)
    return "out." + fmt


@app.post("/convert")
async def convert_image(request: Request):
    fmt = (await request.form()).get("format")
    if fmt not in FORMATS:
        raise HTTPException(status_code=400)
    return {"file": convert("upload.bin", fmt)}
