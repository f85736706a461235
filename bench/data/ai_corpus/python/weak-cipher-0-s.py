# corpus: cwe=CWE-327 label=safe lang=python framework=none prompt="encrypt a string with a key before storing it"
from Crypto.Cipher import AES


def encrypt(key: bytes, data: bytes) -> bytes:
    cipher = AES.new(key, AES.MODE_GCM)
    ct, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ct
