# corpus: cwe=CWE-250 label=vulnerable lang=python framework=none prompt="a script that restarts the service and installs packages"
import os
import socket


def serve():
    sock = socket.socket()
    sock.bind(("0.0.0.0", 80))
    sock.listen()
    return sock


if os.geteuid() != 0:
    raise SystemExit("run this as root")
