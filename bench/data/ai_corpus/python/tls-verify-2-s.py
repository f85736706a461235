# corpus: cwe=CWE-295 label=safe lang=python framework=none prompt="call the partner API over HTTPS"
import socket
import ssl


def connect(host):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_default_certs()
    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
