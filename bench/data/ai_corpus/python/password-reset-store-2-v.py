# corpus: cwe=CWE-256 label=vulnerable lang=python framework=none prompt="store a password reset and change the user's password"
import hashlib

from pymongo import MongoClient

users = MongoClient()["app"]["users"]


def create_account(email, password):
    digest = hashlib.sha1(password.encode()).hexdigest()
    users.insert_one({"email": email, "password": digest})
