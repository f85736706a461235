# corpus: cwe=CWE-732 label=safe lang=python framework=none prompt="create the shared upload folder and the log file"
from pathlib import Path


def init_cache(root: str) -> Path:
    cache = Path(root) / "cache"
    cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    return cache
