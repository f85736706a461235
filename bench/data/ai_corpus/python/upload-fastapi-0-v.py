# corpus: cwe=CWE-434 label=vulnerable lang=python framework=none prompt="a FastAPI endpoint that accepts an uploaded file and stores it"
import shutil

from fastapi import FastAPI, File, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile = File(...)):
    with open(f"uploads/{file.filename}", "wb") as buffer:
        shutil.copyfileobj(file.file, buffer)
    return {"filename": file.filename}
