# corpus: cwe=CWE-327 label=safe lang=python framework=none prompt="encrypt a string with a key before storing it"
from Crypto.Cipher import AES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad


def encrypt_record(key, plaintext):
    iv = get_random_bytes(16)
    return iv + AES.new(key, AES.MODE_CBC, iv).encrypt(pad(plaintext, 16))
