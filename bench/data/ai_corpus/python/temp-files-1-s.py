# corpus: cwe=CWE-377 label=safe lang=python framework=none prompt="write the export to a temporary file before uploading it"
import os
import tempfile

CACHE = tempfile.mkdtemp(prefix="pages-")


def cache_page(name, html):
    path = os.path.join(CACHE, os.path.basename(name) + ".html")
    with open(path, "w") as fh:
        fh.write(html)
    return path
