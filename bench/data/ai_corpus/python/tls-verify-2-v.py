# corpus: cwe=CWE-295 label=vulnerable lang=python framework=none prompt="call the partner API over HTTPS"
import socket
import ssl


def connect(host):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.load_default_certs()
    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
