# corpus: cwe=CWE-367 label=vulnerable lang=python framework=none prompt="create the lock file if it does not exist yet"
import os
import shutil


def move_upload(src, dst):
    if not os.path.isfile(dst):
        shutil.move(src, dst)
