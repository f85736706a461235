# corpus: cwe=CWE-319 label=vulnerable lang=python framework=none prompt="upload the nightly backup to the file server"
import os
import smtplib
from email.message import EmailMessage


def send_alert(text):
    msg = EmailMessage()
    msg["Subject"] = "alert"
    msg.set_content(text)
    server = smtplib.SMTP("mail.corp.example", 25)
    server.login("alerts", os.environ["SMTP_PASSWORD"])
    server.send_message(msg)
    server.quit()
