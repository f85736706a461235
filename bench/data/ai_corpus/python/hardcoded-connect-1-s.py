# corpus: cwe=CWE-259 label=safe lang=python framework=none prompt="connect to the database and the mail server"
import os
import smtplib


def send(msg):
    with smtplib.SMTP("smtp.office365.com", 587) as smtp:
        smtp.starttls()
        smtp.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])
        smtp.send_message(msg)
