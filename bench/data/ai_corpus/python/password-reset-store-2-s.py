# corpus: cwe=CWE-256 label=safe lang=python framework=none prompt="store a password reset and change the user's password"
import bcrypt
from pymongo import MongoClient

users = MongoClient()["app"]["users"]


def create_account(email, password):
    digest = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))
    users.insert_one({"email": email, "password": digest})
