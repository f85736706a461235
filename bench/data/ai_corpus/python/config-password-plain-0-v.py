# corpus: cwe=CWE-260 label=vulnerable lang=python framework=none prompt="read the database password and keep it in the app config file"
import configparser

config = configparser.ConfigParser()
config["database"] = {"host": "db.internal", "user": "app", "password": "Winter2024!"}
with open("app.ini", "w") as fh:
    config.write(fh)
