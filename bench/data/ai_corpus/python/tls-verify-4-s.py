# corpus: cwe=CWE-295 label=safe lang=python framework=none prompt="call the partner API over HTTPS"
import aiohttp


async def fetch(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            return await resp.text()
