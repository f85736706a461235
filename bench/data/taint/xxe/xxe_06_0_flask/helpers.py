from lxml import etree


def load_feed(data):
    return etree.fromstring(data).findall("item")
