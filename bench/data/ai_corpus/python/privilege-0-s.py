# corpus: cwe=CWE-250 label=safe lang=python framework=none prompt="a script that restarts the service and installs packages"
import subprocess


def restart(service):
    subprocess.run(["systemctl", "--user", "restart", service], check=True)
