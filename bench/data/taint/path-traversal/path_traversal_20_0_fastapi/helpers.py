import os


def clean_name(value):
    return os.path.basename(value)
