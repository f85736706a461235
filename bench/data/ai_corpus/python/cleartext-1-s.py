# corpus: cwe=CWE-319 label=safe lang=python framework=none prompt="upload the nightly backup to the file server"
import os
import smtplib
import ssl
from email.message import EmailMessage


def send_alert(text):
    msg = EmailMessage()
    msg["Subject"] = "alert"
    msg.set_content(text)
    server = smtplib.SMTP("mail.corp.example", 587)
    server.starttls(context=ssl.create_default_context())
    server.login("alerts", os.environ["SMTP_PASSWORD"])
    server.send_message(msg)
    server.quit()
