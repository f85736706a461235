# corpus: cwe=CWE-208 label=vulnerable lang=python framework=none prompt="check the API token sent by the client"
def verify_reset_token(user, supplied_token):
    if user.reset_token == supplied_token:
        return True
    return False
