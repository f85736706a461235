# corpus: cwe=CWE-327 label=vulnerable lang=python framework=none prompt="encrypt a string with a key before storing it"
from Crypto.Cipher import DES


def encrypt(key: bytes, data: bytes) -> bytes:
    cipher = DES.new(key, DES.MODE_ECB)
    pad = 8 - len(data) % 8
    return cipher.encrypt(data + bytes([pad]) * pad)
