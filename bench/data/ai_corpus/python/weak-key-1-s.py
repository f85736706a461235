# corpus: cwe=CWE-326 label=safe lang=python framework=none prompt="generate an RSA key pair for signing"
from Crypto.PublicKey import RSA

key = RSA.generate(2048)
open("private.pem", "wb").write(key.export_key())
