# corpus: cwe=CWE-328 label=safe lang=python framework=none prompt="compute a checksum to sign a download link"
import hashlib
import hmac


def sign(key: bytes, message: bytes) -> str:
    return hmac.new(key, message, hashlib.sha256).hexdigest()
