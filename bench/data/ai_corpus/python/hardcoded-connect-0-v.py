# corpus: cwe=CWE-259 label=vulnerable lang=python framework=none prompt="connect to the database and the mail server"
import psycopg2


def get_connection():
    return psycopg2.connect(host="db.internal", dbname="shop", user="shop", password="Sh0pDbPass2023")
