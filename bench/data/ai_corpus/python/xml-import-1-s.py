# corpus: cwe=CWE-611 label=safe lang=python framework=none prompt="import products from an uploaded XML document"
from lxml import etree


def parse_feed(path):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(path, parser).getroot()
