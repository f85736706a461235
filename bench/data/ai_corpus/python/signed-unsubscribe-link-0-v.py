# corpus: cwe=CWE-252 label=vulnerable lang=python framework=none prompt="an unsubscribe link signed with itsdangerous so people cannot unsubscribe others"
import os

from flask import Flask, request
from itsdangerous import Signer

from mailing import unsubscribe

app = Flask(__name__)
signer = Signer(os.environ["UNSUBSCRIBE_KEY"])


@app.route("/unsubscribe")
def unsubscribe_link():
    token = request.args.get("t", "")
    signer.validate(token)
    email = token.rsplit(".", 1)[0]
    unsubscribe(email)
    return "You have been unsubscribed."
