import os

TEMPLATES = "/srv/templates"


def load_template(name):
    with open(os.path.join(TEMPLATES, name)) as fh:
        return fh.read()
