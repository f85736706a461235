# corpus: cwe=CWE-321 label=vulnerable lang=python framework=none prompt="encrypt customer notes with AES"
from cryptography.fernet import Fernet

fernet = Fernet(b"q0bB7kqzYkV2m1c9Rr8j3yWn6T5pLx4aZs0dFg1hJk8=")


def encrypt_note(text: str) -> bytes:
    return fernet.encrypt(text.encode())
