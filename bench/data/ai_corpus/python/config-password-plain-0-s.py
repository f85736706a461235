# corpus: cwe=CWE-260 label=safe lang=python framework=none prompt="read the database password and keep it in the app config file"
import configparser
import os

config = configparser.ConfigParser()
config["database"] = {"host": "db.internal", "user": "app", "password_env": "APP_DB_PASSWORD"}
with open("app.ini", "w") as fh:
    config.write(fh)
password = os.environ["APP_DB_PASSWORD"]
