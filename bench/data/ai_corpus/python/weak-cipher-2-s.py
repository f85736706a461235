# corpus: cwe=CWE-327 label=safe lang=python framework=none prompt="encrypt a string with a key before storing it"
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def encrypt_blob(key, blob):
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, blob, None)
