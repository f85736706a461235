# corpus: cwe=CWE-328 label=vulnerable lang=python framework=none prompt="compute a checksum to sign a download link"
import hashlib
import time

SECRET = "link-signing"


def signed_link(path):
    expires = int(time.time()) + 3600
    sig = hashlib.md5(f"{SECRET}{path}{expires}".encode()).hexdigest()
    return f"{path}?expires={expires}&sig={sig}"
