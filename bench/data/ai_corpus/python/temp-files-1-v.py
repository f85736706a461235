# corpus: cwe=CWE-377 label=vulnerable lang=python framework=none prompt="write the export to a temporary file before uploading it"
import os


def cache_page(name, html):
    path = os.path.join("/tmp", name + ".html")
    with open(path, "w") as fh:
        fh.write(html)
    return path
