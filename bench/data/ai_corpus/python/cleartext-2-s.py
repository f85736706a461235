# corpus: cwe=CWE-319 label=safe lang=python framework=none prompt="upload the nightly backup to the file server"
import paramiko


def reboot_switch(host, user, password):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect(host, username=user, password=password)
    client.exec_command("reload")
