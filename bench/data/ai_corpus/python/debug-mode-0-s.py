# corpus: cwe=CWE-215 label=safe lang=python framework=none prompt="start the web app"
import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "hello"


if __name__ == "__main__":
    app.run(port=8000, debug=os.environ.get("FLASK_DEBUG") == "1")
