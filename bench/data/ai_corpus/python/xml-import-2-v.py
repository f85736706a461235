# corpus: cwe=CWE-611 label=vulnerable lang=python framework=none prompt="import products from an uploaded XML document"
import xml.sax
from xml.sax.handler import feature_external_ges


def parse(stream, handler):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(stream)
