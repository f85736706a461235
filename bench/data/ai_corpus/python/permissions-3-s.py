# corpus: cwe=CWE-732 label=safe lang=python framework=none prompt="create the shared upload folder and the log file"
import os
from pathlib import Path


def save_token(token: str) -> None:
    p = Path.home() / ".mytool" / "token"
    p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(token)
