# corpus: cwe=CWE-367 label=safe lang=python framework=none prompt="create the lock file if it does not exist yet"
def read_if_allowed(path):
    try:
        with open(path) as fh:
            return fh.read()
    except PermissionError:
        return None
