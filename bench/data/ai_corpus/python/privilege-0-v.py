# corpus: cwe=CWE-250 label=vulnerable lang=python framework=none prompt="a script that restarts the service and installs packages"
import os
import subprocess


def restart(service):
    os.setuid(0)
    subprocess.run(["systemctl", "restart", service], check=True)
