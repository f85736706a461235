# corpus: cwe=CWE-798 label=vulnerable lang=python framework=none prompt="check the password the user typed before running a maintenance task"
import getpass


def main():
    pw = getpass.getpass("Password: ")
    if pw != "S3cretMaint!":
        raise SystemExit("wrong password")
    print("running maintenance")


if __name__ == "__main__":
    main()
