# corpus: cwe=CWE-259 label=safe lang=python framework=none prompt="connect to the database and the mail server"
import os

import psycopg2


def get_connection():
    return psycopg2.connect(host="db.internal", dbname="shop", user="shop",
                            password=os.environ["SHOP_DB_PASSWORD"])
