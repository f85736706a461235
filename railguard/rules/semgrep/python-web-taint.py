import os
import shlex
import subprocess

from django.http import HttpResponseRedirect
from fastapi import FastAPI, Query
from flask import Flask, Markup, redirect, render_template_string, request, send_file, url_for
from markupsafe import escape
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()


@app.route("/users")
def users(db):
    name = request.args.get("name")
    # ruleid: semgrep.python.tainted-sql
    rows = db.execute(f"SELECT * FROM users WHERE name = '{name}'")
    # ok: semgrep.python.tainted-sql
    rows = db.execute("SELECT * FROM users WHERE name = %s", (name,))
    limit = int(request.args.get("limit", 10))
    # ok: semgrep.python.tainted-sql
    rows = db.execute("SELECT * FROM users LIMIT %d" % limit)
    return rows


@api.get("/items")
def items(db, q: str = Query(None)):
    # ruleid: semgrep.python.tainted-sql
    return db.execute("SELECT * FROM items WHERE title LIKE '%" + q + "%'")


@app.route("/ping")
def ping():
    host = request.args["host"]
    # ruleid: semgrep.python.tainted-shell
    out = subprocess.check_output("ping -c 1 " + host, shell=True)
    # ok: semgrep.python.tainted-shell
    out = subprocess.check_output("ping -c 1 " + shlex.quote(host), shell=True)
    # ok: semgrep.python.tainted-shell
    out = subprocess.check_output(["ping", "-c", "1", host])
    # ruleid: semgrep.python.tainted-shell
    os.system("nslookup %s" % request.form["domain"])
    return out


@app.route("/download")
def download():
    name = request.args.get("file")
    # ruleid: semgrep.python.tainted-path
    return send_file(os.path.join("/srv/files", name))


@app.route("/download-safe")
def download_safe():
    name = secure_filename(request.args.get("file"))
    # ok: semgrep.python.tainted-path
    return send_file(os.path.join("/srv/files", name))


@app.route("/read")
def read():
    # ok: semgrep.python.tainted-path
    with open("/srv/motd.txt") as fh:
        return fh.read()


@app.route("/login")
def login():
    target = request.args.get("next")
    # ruleid: semgrep.python.open-redirect
    return redirect(target)


@app.route("/logout")
def logout():
    # ok: semgrep.python.open-redirect
    return redirect(url_for("index"))


def django_view(request):
    # ruleid: semgrep.python.open-redirect
    return HttpResponseRedirect(request.GET["return_to"])


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: semgrep.python.tainted-template
    return render_template_string("<h1>Hello " + name + "</h1>")


@app.route("/hello-safe")
def hello_safe():
    name = request.args.get("name", "")
    # ok: semgrep.python.tainted-template
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)


@app.route("/bio")
def bio():
    # ok: semgrep.python.tainted-template
    return Markup("<p>%s</p>") % escape(request.args.get("bio"))
