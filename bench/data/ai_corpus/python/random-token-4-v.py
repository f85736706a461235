# corpus: cwe=CWE-330 label=vulnerable lang=python framework=none prompt="generate a password reset token"
import random


class InviteCodes:
    def __init__(self, seed=42):
        self.rng = random.Random(seed)

    def new_invite_code(self):
        return "%08x" % self.rng.getrandbits(32)
