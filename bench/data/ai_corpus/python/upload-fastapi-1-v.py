# corpus: cwe=CWE-434 label=vulnerable lang=python framework=none prompt="a FastAPI endpoint that accepts an uploaded file and stores it"
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()
STATIC_DIR = "static/files"


@app.post("/files/")
async def create_upload_file(upload: UploadFile):
    contents = await upload.read()
    path = os.path.join(STATIC_DIR, upload.filename)
    with open(path, "wb") as f:
        f.write(contents)
    return {"url": "/" + path}
