# corpus: cwe=CWE-329 label=vulnerable lang=python framework=none prompt="AES-CBC encryption helper"
from Crypto.Cipher import AES


def seal(key, data):
    cipher = AES.new(key, AES.MODE_GCM, nonce=b"fixednonce12")
    ct, tag = cipher.encrypt_and_digest(data)
    return ct + tag
