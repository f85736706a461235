# corpus: cwe=CWE-321 label=vulnerable lang=python framework=none prompt="encrypt customer notes with AES"
from Crypto.Cipher import AES

KEY = b"0123456789abcdef"


def encrypt(data: bytes) -> bytes:
    cipher = AES.new(KEY, AES.MODE_GCM)
    ct, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ct
