# corpus: cwe=CWE-259 label=vulnerable lang=python framework=none prompt="connect to the database and the mail server"
import smtplib


def send(msg):
    with smtplib.SMTP("smtp.office365.com", 587) as smtp:
        smtp.starttls()
        smtp.login("alerts@corp.example", "Alerts#2024pw")
        smtp.send_message(msg)
