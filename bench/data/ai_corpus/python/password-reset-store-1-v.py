# corpus: cwe=CWE-256 label=vulnerable lang=python framework=none prompt="store a password reset and change the user's password"
import json
from pathlib import Path

USERS = Path("users.json")


def add_user(username, password):
    users = json.loads(USERS.read_text()) if USERS.exists() else {}
    users[username] = {"password": password, "role": "user"}
    USERS.write_text(json.dumps(users, indent=2))
