# corpus: cwe=CWE-732 label=safe lang=python framework=none prompt="create the shared upload folder and the log file"
import os

UPLOAD_DIR = "/srv/app/uploads"


def ensure_upload_dir():
    os.makedirs(UPLOAD_DIR, mode=0o750, exist_ok=True)
