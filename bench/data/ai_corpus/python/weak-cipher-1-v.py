# corpus: cwe=CWE-327 label=vulnerable lang=python framework=none prompt="encrypt a string with a key before storing it"
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad


def encrypt_record(key, plaintext):
    return AES.new(key, AES.MODE_ECB).encrypt(pad(plaintext, 16))
