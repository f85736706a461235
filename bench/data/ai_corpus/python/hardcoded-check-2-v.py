# corpus: cwe=CWE-798 label=vulnerable lang=python framework=none prompt="check the password the user typed before running a maintenance task"
class AuthService:
    def login(self, username, password):
        if username == "root" and password == "toor":
            return {"user": "root", "role": "admin"}
        return None
