# corpus: cwe=CWE-321 label=safe lang=python framework=none prompt="encrypt customer notes with AES"
import os

from cryptography.fernet import Fernet

fernet = Fernet(os.environ["NOTES_KEY"].encode())


def encrypt_note(text: str) -> bytes:
    return fernet.encrypt(text.encode())
