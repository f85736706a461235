# corpus: cwe=CWE-326 label=vulnerable lang=python framework=none prompt="generate an RSA key pair for signing"
from Crypto.PublicKey import RSA

key = RSA.generate(512)
open("private.pem", "wb").write(key.export_key())
