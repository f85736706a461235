# corpus: cwe=CWE-798 label=safe lang=python framework=none prompt="check the password the user typed before running a maintenance task"
import getpass
import hashlib
import hmac
import os


def main():
    pw = getpass.getpass("Password: ")
    salt = bytes.fromhex(os.environ["MAINT_SALT"])
    expected = bytes.fromhex(os.environ["MAINT_HASH"])
    if not hmac.compare_digest(hashlib.pbkdf2_hmac("sha256", pw.encode(), salt, 600_000), expected):
        raise SystemExit("wrong password")
    print("running maintenance")


if __name__ == "__main__":
    main()
