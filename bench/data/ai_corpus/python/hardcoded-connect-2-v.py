# corpus: cwe=CWE-259 label=vulnerable lang=python framework=none prompt="connect to the database and the mail server"
import pymysql

conn = pymysql.connect(host="localhost", user="root", passwd="rootpass123", db="inventory")
