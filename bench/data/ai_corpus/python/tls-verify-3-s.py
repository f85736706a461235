# corpus: cwe=CWE-295 label=safe lang=python framework=none prompt="call the partner API over HTTPS"
import httpx

client = httpx.Client()


def get(url):
    return client.get(url).text
