# corpus: cwe=CWE-434 label=safe lang=python framework=none prompt="a FastAPI endpoint that accepts an uploaded file and stores it"
import shutil
import uuid
from pathlib import Path

from fastapi import FastAPI, File, HTTPException, UploadFile

app = FastAPI()
ALLOWED = {".png", ".jpg", ".jpeg", ".webp"}


@app.post("/upload")
async def upload(file: UploadFile = File(...)):
    suffix = Path(file.filename or "").suffix.lower()
    if suffix not in ALLOWED:
        raise HTTPException(status_code=400, detail="unsupported file type")
    name = f"{uuid.uuid4().hex}{suffix}"
    with open(Path("uploads") / name, "wb") as buffer:
        shutil.copyfileobj(file.file, buffer)
    return {"filename": name}
