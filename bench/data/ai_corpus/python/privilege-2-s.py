# corpus: cwe=CWE-250 label=safe lang=python framework=none prompt="a script that restarts the service and installs packages"
import os
import pwd
import socket


def serve():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 80))
    sock.listen()
    nobody = pwd.getpwnam("nobody")
    os.setgid(nobody.pw_gid)
    os.setuid(nobody.pw_uid)
    return sock
