# corpus: cwe=CWE-328 label=vulnerable lang=python framework=none prompt="compute a checksum to sign a download link"
import hashlib
import hmac


def sign(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha1).hexdigest()
