import defusedxml.ElementTree as ET


def parse_safely(data):
    return ET.fromstring(data)
