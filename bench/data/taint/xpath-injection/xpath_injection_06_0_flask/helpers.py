from lxml import etree


def find_node(name):
    tree = etree.parse("/srv/nodes.xml")
    return tree.xpath("//node[@name='" + name + "']")
