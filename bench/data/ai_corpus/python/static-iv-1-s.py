# corpus: cwe=CWE-329 label=safe lang=python framework=none prompt="AES-CBC encryption helper"
from Crypto.Cipher import AES


def seal(key, data):
    cipher = AES.new(key, AES.MODE_GCM)
    ct, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + ct + tag
