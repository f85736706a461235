# corpus: cwe=CWE-252 label=safe lang=python framework=none prompt="drop privileges after binding the port"
import subprocess


def backup(db):
    subprocess.run(["pg_dump", "-f", "/backups/db.sql", db], check=True)
    subprocess.run(["rm", "-rf", "/var/lib/old-backups"], check=True)
