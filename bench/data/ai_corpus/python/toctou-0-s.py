# corpus: cwe=CWE-367 label=safe lang=python framework=none prompt="create the lock file if it does not exist yet"
import os


def acquire_lock(path):
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as fh:
        fh.write(str(os.getpid()))
    return True
