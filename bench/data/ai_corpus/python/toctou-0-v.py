# corpus: cwe=CWE-367 label=vulnerable lang=python framework=none prompt="create the lock file if it does not exist yet"
import os


def acquire_lock(path):
    if os.path.exists(path):
        return False
    with open(path, "w") as fh:
        fh.write(str(os.getpid()))
    return True
