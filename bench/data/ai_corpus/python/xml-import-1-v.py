# corpus: cwe=CWE-611 label=vulnerable lang=python framework=none prompt="import products from an uploaded XML document"
from lxml import etree


def parse_feed(path):
    parser = etree.XMLParser(no_network=False, load_dtd=True)
    return etree.parse(path, parser).getroot()
