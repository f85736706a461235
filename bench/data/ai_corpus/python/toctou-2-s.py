# corpus: cwe=CWE-367 label=safe lang=python framework=none prompt="create the lock file if it does not exist yet"
import os


def move_upload(src, dst):
    try:
        os.link(src, dst)
    except FileExistsError:
        return False
    os.unlink(src)
    return True
