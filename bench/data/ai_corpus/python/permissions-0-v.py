# corpus: cwe=CWE-732 label=vulnerable lang=python framework=none prompt="create the shared upload folder and the log file"
import os

UPLOAD_DIR = "/srv/app/uploads"


def ensure_upload_dir():
    os.makedirs(UPLOAD_DIR, exist_ok=True)
    os.chmod(UPLOAD_DIR, 0o777)
