# corpus: cwe=CWE-250 label=safe lang=python framework=none prompt="a script that restarts the service and installs packages"
import subprocess
import sys


def install(package: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--user", package], check=True)
