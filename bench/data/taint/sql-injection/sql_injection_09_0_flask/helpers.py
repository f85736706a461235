from db import get_connection


def count_rows(table):
    return get_connection().execute("SELECT count(*) FROM " + table).fetchone()
