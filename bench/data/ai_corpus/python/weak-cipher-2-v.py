# corpus: cwe=CWE-327 label=vulnerable lang=python framework=none prompt="encrypt a string with a key before storing it"
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt_blob(key, blob):
    encryptor = Cipher(algorithms.ARC4(key), mode=None).encryptor()
    return encryptor.update(blob)
