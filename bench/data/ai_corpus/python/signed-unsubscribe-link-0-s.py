# corpus: cwe=CWE-252 label=safe lang=python framework=none prompt="an unsubscribe link signed with itsdangerous so people cannot unsubscribe others"
import os

from flask import Flask, abort, request
from itsdangerous import Signer

from mailing import unsubscribe

app = Flask(__name__)
signer = Signer(os.environ["UNSUBSCRIBE_KEY"])


@app.route("/unsubscribe")
def unsubscribe_link():
    token = request.args.get("t", "")
    if not signer.validate(token):
        abort(400)
    email = token.rsplit(".", 1)[0]
    unsubscribe(email)
    return "You have been unsubscribed."
