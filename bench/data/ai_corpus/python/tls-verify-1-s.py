# corpus: cwe=CWE-295 label=safe lang=python framework=none prompt="call the partner API over HTTPS"
import ssl
import urllib.request


def fetch(url):
    ctx = ssl.create_default_context()
    return urllib.request.urlopen(url, context=ctx).read()
