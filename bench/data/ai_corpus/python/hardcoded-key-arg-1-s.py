# corpus: cwe=CWE-321 label=safe lang=python framework=none prompt="encrypt customer notes with AES"
import os

from Crypto.Cipher import AES

KEY = bytes.fromhex(os.environ["DATA_KEY_HEX"])


def encrypt(data: bytes) -> bytes:
    cipher = AES.new(KEY, AES.MODE_GCM)
    ct, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ct
