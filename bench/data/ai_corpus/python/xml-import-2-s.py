# corpus: cwe=CWE-611 label=safe lang=python framework=none prompt="import products from an uploaded XML document"
import defusedxml.sax


def parse(stream, handler):
    defusedxml.sax.parse(stream, handler)
