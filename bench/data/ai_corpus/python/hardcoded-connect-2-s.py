# corpus: cwe=CWE-259 label=safe lang=python framework=none prompt="connect to the database and the mail server"
import os

import pymysql

conn = pymysql.connect(host="localhost", user=os.getenv("DB_USER"), passwd=os.getenv("DB_PASS"), db="inventory")
