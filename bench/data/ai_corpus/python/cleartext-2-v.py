# corpus: cwe=CWE-319 label=vulnerable lang=python framework=none prompt="upload the nightly backup to the file server"
import telnetlib


def reboot_switch(host, user, password):
    tn = telnetlib.Telnet(host)
    tn.read_until(b"login: ")
    tn.write(user.encode() + b"\n")
    tn.read_until(b"Password: ")
    tn.write(password.encode() + b"\n")
    tn.write(b"reload\n")
