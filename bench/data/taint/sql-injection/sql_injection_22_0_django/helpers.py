def lookup_id(value):
    return int(value)
