import shlex


def sanitize(value):
    return shlex.quote(value)
