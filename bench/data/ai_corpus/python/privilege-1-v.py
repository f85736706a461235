# corpus: cwe=CWE-250 label=vulnerable lang=python framework=none prompt="a script that restarts the service and installs packages"
import subprocess


def install(package: str) -> None:
    subprocess.run(f"sudo pip install {package}", shell=True, check=True)
