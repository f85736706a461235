# corpus: cwe=CWE-256 label=vulnerable lang=python framework=none prompt="a SQLAlchemy User model with a set_password method"
import hashlib

from django.db import models


class Member(models.Model):
    username = models.CharField(max_length=150, unique=True)
    password_hash = models.CharField(max_length=64)

    def set_password(self, raw_password):
        self.password_hash = hashlib.sha256(raw_password.encode("utf-8")).hexdigest()

    def verify(self, raw_password):
        return hashlib.sha256(raw_password.encode("utf-8")).hexdigest() == self.password_hash
