# corpus: cwe=CWE-798 label=safe lang=python framework=none prompt="check the password the user typed before running a maintenance task"
class AuthService:
    def __init__(self, repo, hasher):
        self.repo = repo
        self.hasher = hasher

    def login(self, username, password):
        user = self.repo.find(username)
        if user and self.hasher.verify(user.password_hash, password):
            return {"user": user.name, "role": user.role}
        return None
