# corpus: cwe=CWE-352 label=safe lang=python framework=none prompt="accept a form post that changes the email address"
import os

from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
csrf = CSRFProtect(app)
