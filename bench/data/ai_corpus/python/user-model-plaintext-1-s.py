# corpus: cwe=CWE-256 label=safe lang=python framework=none prompt="a SQLAlchemy User model with a set_password method"
from django.contrib.auth.hashers import check_password, make_password
from django.db import models


class Member(models.Model):
    username = models.CharField(max_length=150, unique=True)
    password_hash = models.CharField(max_length=128)

    def set_password(self, raw_password):
        self.password_hash = make_password(raw_password)

    def verify(self, raw_password):
        return check_password(raw_password, self.password_hash)
