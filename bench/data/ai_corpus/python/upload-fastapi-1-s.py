# corpus: cwe=CWE-434 label=safe lang=python framework=none prompt="a FastAPI endpoint that accepts an uploaded file and stores it"
import os
import secrets

from fastapi import FastAPI, HTTPException, UploadFile

app = FastAPI()
STATIC_DIR = "static/files"
MAX_BYTES = 5 * 1024 * 1024
ALLOWED_EXT = (".csv", ".xlsx")


@app.post("/files/")
async def create_upload_file(upload: UploadFile):
    contents = await upload.read()
    if len(contents) > MAX_BYTES:
        raise HTTPException(413, "file too large")
    ext = os.path.splitext(upload.filename or "")[1].lower()
    if ext not in ALLOWED_EXT:
        raise HTTPException(400, "only csv or xlsx")
    path = os.path.join(STATIC_DIR, secrets.token_hex(16) + ext)
    with open(path, "wb") as f:
        f.write(contents)
    return {"url": "/" + path}
