# corpus: cwe=CWE-352 label=vulnerable lang=python framework=none prompt="accept a form post that changes the email address"
from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
app.config["WTF_CSRF_ENABLED"] = False
csrf = CSRFProtect(app)
