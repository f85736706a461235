# corpus: cwe=CWE-200 label=vulnerable lang=python framework=none prompt="a route that returns a user's profile as JSON"
from rest_framework import serializers

from .models import Account


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = ["id", "username", "email", "password"]
