# corpus: cwe=CWE-732 label=safe lang=python framework=none prompt="create the shared upload folder and the log file"
import os


def store_private_key(pem: bytes, path: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, pem)
    os.close(fd)
