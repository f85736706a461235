# corpus: cwe=CWE-295 label=vulnerable lang=python framework=none prompt="call the partner API over HTTPS"
import httpx

client = httpx.Client(verify=False)


def get(url):
    return client.get(url).text
