# corpus: cwe=CWE-330 label=safe lang=python framework=none prompt="generate a password reset token"
import secrets


class InviteCodes:
    def new_invite_code(self):
        return secrets.token_hex(4)
