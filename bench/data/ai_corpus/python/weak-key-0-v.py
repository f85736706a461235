# corpus: cwe=CWE-326 label=vulnerable lang=python framework=none prompt="generate an RSA key pair for signing"
from cryptography.hazmat.primitives.asymmetric import rsa


def new_keypair():
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)
