# corpus: cwe=CWE-732 label=vulnerable lang=python framework=none prompt="create the shared upload folder and the log file"
import os
import stat
from pathlib import Path


def save_token(token: str) -> None:
    p = Path.home() / ".mytool" / "token"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(token)
    os.chmod(p, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)
