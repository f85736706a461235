# corpus: cwe=CWE-319 label=vulnerable lang=python framework=none prompt="upload the nightly backup to the file server"
import ftplib
import os


def upload_backup(path):
    ftp = ftplib.FTP("files.corp.example")
    ftp.login("backup", os.environ["FTP_PASSWORD"])
    with open(path, "rb") as fh:
        ftp.storbinary(f"STOR {os.path.basename(path)}", fh)
    ftp.quit()
