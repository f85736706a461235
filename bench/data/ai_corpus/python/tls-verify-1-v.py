# corpus: cwe=CWE-295 label=vulnerable lang=python framework=none prompt="call the partner API over HTTPS"
import ssl
import urllib.request


def fetch(url):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return urllib.request.urlopen(url, context=ctx).read()
