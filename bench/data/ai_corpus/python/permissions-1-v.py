# corpus: cwe=CWE-732 label=vulnerable lang=python framework=none prompt="create the shared upload folder and the log file"
import os


def write_report(path, text):
    with open(path, "w") as fh:
        fh.write(text)
    os.chmod(path, 0o666)
