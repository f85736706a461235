# corpus: cwe=CWE-367 label=vulnerable lang=python framework=none prompt="create the lock file if it does not exist yet"
import os


def read_if_allowed(path):
    if os.access(path, os.R_OK):
        with open(path) as fh:
            return fh.read()
    return None
