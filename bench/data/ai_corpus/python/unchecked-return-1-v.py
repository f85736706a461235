# corpus: cwe=CWE-252 label=vulnerable lang=python framework=none prompt="drop privileges after binding the port"
import subprocess


def backup(db):
    subprocess.run(["pg_dump", "-f", "/backups/db.sql", db])
    subprocess.run(["rm", "-rf", "/var/lib/old-backups"])
