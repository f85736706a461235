# corpus: cwe=CWE-732 label=safe lang=python framework=none prompt="create the shared upload folder and the log file"
import os
import subprocess


def run_job(cmd_args):
    os.umask(0o077)
    subprocess.run(cmd_args, check=True)
