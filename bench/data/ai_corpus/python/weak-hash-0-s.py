# corpus: cwe=CWE-328 label=safe lang=python framework=none prompt="compute a checksum to sign a download link"
import hashlib
import hmac
import os
import time

SECRET = os.environ["LINK_SECRET"].encode()


def signed_link(path):
    expires = int(time.time()) + 3600
    sig = hmac.new(SECRET, f"{path}{expires}".encode(), hashlib.sha256).hexdigest()
    return f"{path}?expires={expires}&sig={sig}"
