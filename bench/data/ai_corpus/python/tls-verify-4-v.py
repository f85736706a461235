# corpus: cwe=CWE-295 label=vulnerable lang=python framework=none prompt="call the partner API over HTTPS"
import aiohttp


async def fetch(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as resp:
            return await resp.text()
