"""Write the labelled taint benchmark: small web handlers, vulnerable or safe, per sink kind.

    python bench/taint_cases.py            # (re)writes bench/data/taint/

Every case is a Flask, Django or FastAPI handler (a few are scripts or two-file
packages). The first lines of its main file say what it is:

    # kind: command-injection
    # label: vulnerable | safe
    # reason: why it is safe (constant branch, element precision, sanitizer, allow-list, helper ...)

Bodies are written once per pattern and placed into several frameworks with
different sources, so that one pattern is seen through request.args, a route
parameter, a Django form field, a FastAPI query parameter, a JSON body ...
"""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "taint"


@dataclass(frozen=True)
class Body:
    code: str  # uses {v} for the variable that holds the input
    label: str  # vulnerable | safe
    reason: str = ""
    prelude: str = ""  # module-level helpers or constants
    helper_module: str = ""  # a second file `helpers.py` (the case becomes a package)
    returns: bool = False  # the body returns a response itself


# ---------------------------------------------------------------- frameworks and sources

FLASK_SOURCES = [
    ('{v} = request.args.get("{p}", "")', ""),
    ('{v} = request.form["{p}"]', ""),
    ('payload = request.get_json(force=True)\n{v} = payload["{p}"]', ""),
    ('{v} = request.values.get("{p}")', ""),
    ('{v} = request.headers.get("X-{P}", "")', ""),
    ('{v} = request.cookies.get("{p}", "")', ""),
    ("", "route"),  # <{v}> in the route
]
DJANGO_SOURCES = [
    '{v} = request.GET.get("{p}", "")',
    '{v} = request.POST["{p}"]',
    'data = json.loads(request.body)\n{v} = data.get("{p}")',
    '{v} = request.META.get("HTTP_X_{PU}", "")',
    '{v} = request.COOKIES.get("{p}")',
]
FASTAPI_SOURCES = [
    ("{v}: str = Query(...)", ""),
    ("{v}: str", "path"),
    ("body: {M}", "model"),
    ("{v}: str = Header(...)", ""),
    ("{v}: Optional[str] = Cookie(None)", ""),
]

FRAMEWORK_ORDER = ["flask", "django", "fastapi", "flask", "django", "fastapi", "flask"]


def _indent(code: str, n: int = 4) -> str:
    return textwrap.indent(textwrap.dedent(code).strip("\n"), " " * n)


def _fill(code: str, v: str) -> str:
    """Put the variable in; doubled braces stand for f-string braces."""
    return code.replace("{v}", v).replace("{{", "{").replace("}}", "}")


def render_flask(body: Body, imports: str, v: str, p: str, idx: int, route: str) -> str:
    src, mode = FLASK_SOURCES[idx % len(FLASK_SOURCES)]
    path = f"/{route}/<{v}>" if mode == "route" else f"/{route}"
    lines = [imports, "from flask import Flask, request, abort, jsonify, redirect, session, make_response",
             "", "app = Flask(__name__)", ""]
    if body.prelude:
        lines += [_fill(textwrap.dedent(body.prelude).strip("\n"), v), ""]
    lines += ["", f'@app.route("{path}", methods=["GET", "POST"])',
              f"def {route.replace('-', '_')}_view({v if mode == 'route' else ''}):"]
    if src:
        lines.append(_indent(src.format(v=v, p=p, P=p.title(), PU=p.upper())))
    lines.append(_indent(_fill(body.code, v)))
    if not body.returns:
        lines.append('    return jsonify(status="ok")')
    return "\n".join(lines) + "\n"


def render_django(body: Body, imports: str, v: str, p: str, idx: int, route: str) -> str:
    src = DJANGO_SOURCES[idx % len(DJANGO_SOURCES)]
    lines = [imports, "import json", "from django.http import HttpResponse, JsonResponse, HttpResponseRedirect",
             "from django.views.decorators.http import require_http_methods", ""]
    if body.prelude:
        lines += [_fill(textwrap.dedent(body.prelude).strip("\n"), v), ""]
    lines += ["", '@require_http_methods(["GET", "POST"])', f"def {route.replace('-', '_')}(request):"]
    lines.append(_indent(src.format(v=v, p=p, PU=p.upper())))
    code = _fill(body.code, v).replace("abort(400)", 'return HttpResponse("bad request", status=400)')
    code = code.replace("abort(403)", 'return HttpResponse("forbidden", status=403)')
    lines.append(_indent(code))
    if not body.returns:
        lines.append('    return JsonResponse({"status": "ok"})')
    return "\n".join(lines) + "\n"


def render_fastapi(body: Body, imports: str, v: str, p: str, idx: int, route: str) -> str:
    param, mode = FASTAPI_SOURCES[idx % len(FASTAPI_SOURCES)]
    model = f"{route.replace('-', ' ').title().replace(' ', '')}Request"
    lines = [imports, "from typing import Optional", "from fastapi import FastAPI, Query, Header, Cookie, HTTPException",
             "from fastapi.responses import HTMLResponse, RedirectResponse, PlainTextResponse",
             "from pydantic import BaseModel", "", "app = FastAPI()", ""]
    if mode == "model":
        lines += [f"class {model}(BaseModel):", f"    {v}: str", "    note: str = ''", ""]
    if body.prelude:
        lines += [_fill(textwrap.dedent(body.prelude).strip("\n"), v), ""]
    path = f"/{route}/{{{v}}}" if mode == "path" else f"/{route}"
    verb = "post" if mode == "model" else "get"
    lines += ["", f'@app.{verb}("{path}")', f"def {route.replace('-', '_')}({param.format(v=v, M=model)}):"]
    if mode == "model":
        lines.append(f"    {v} = body.{v}")
    code = _fill(body.code, v)
    code = code.replace("abort(400)", 'raise HTTPException(status_code=400, detail="bad request")')
    code = code.replace("abort(403)", 'raise HTTPException(status_code=403, detail="forbidden")')
    lines.append(_indent(code))
    if not body.returns:
        lines.append('    return {"status": "ok"}')
    return "\n".join(lines) + "\n"


RENDER = {"flask": render_flask, "django": render_django, "fastapi": render_fastapi}


# ---------------------------------------------------------------- the patterns, per sink kind

V, S = "vulnerable", "safe"

KINDS: dict[str, tuple[str, str, list[Body]]] = {}

KINDS["command-injection"] = ("import os\nimport shlex\nimport subprocess", "host", [
    Body('os.system("ping -c 1 " + {v})', V),
    Body('out = subprocess.check_output(f"nslookup {{{v}}}", shell=True)\nprint(out)', V),
    Body('cmd = "tar czf /tmp/backup.tgz %s" % {v}\nsubprocess.call(cmd, shell=True)', V),
    Body('args = ["git", "log", "--oneline"]\ncommand = " ".join(args) + " " + {v}\nos.popen(command).read()', V),
    Body('proc = subprocess.Popen("convert {} out.png".format({v}), shell=True, stdout=subprocess.PIPE)\nproc.communicate()', V),
    Body('subprocess.run(["bash", "-c", "du -sh " + {v}], check=False)', V),
    Body('parts = shlex.split({v})\nsubprocess.run(parts)', V),
    Body('run_tool({v})', V, prelude='''
        def run_tool(target):
            return subprocess.getoutput("whois " + target)'''),
    Body('jobs = {"name": {v}, "cmd": "uptime"}\nos.system(jobs["name"])', V),
    Body('if {v}:\n    os.system(f"dig +short {{{v}}}")', V),
    Body('notify({v})', V, helper_module='''
        import os


        def notify(channel):
            os.system("notify-send " + channel)
        ''', prelude="from .helpers import notify"),
    Body('line = "host " + {v}.strip()\nos.system(line)', V),
    # safe
    Body('subprocess.run(["ping", "-c", "1", {v}], check=False, timeout=5)', S, "argv list without a shell"),
    Body('os.system("ping -c 1 " + shlex.quote({v}))', S, "shlex.quote"),
    Body('port = int({v})\nos.system(f"fuser {{port}}/tcp")', S, "int() cast"),
    Body('if {v} not in ALLOWED_TOOLS:\n    abort(400)\nos.system({v} + " --version")', S, "allow-list guard",
         prelude='ALLOWED_TOOLS = {"git", "python3", "node"}'),
    Body('tool = TOOLS.get({v}, "true")\nsubprocess.call(tool, shell=True)', S, "value chosen from a constant table",
         prelude='TOOLS = {"disk": "df -h", "mem": "free -m", "load": "uptime"}'),
    Body('jobs = {"name": {v}, "cmd": "uptime"}\nos.system(jobs["cmd"])', S, "element precision"),
    Body('cmds = ["uptime", {v}]\nsubprocess.run(cmds[0], shell=True)', S, "element precision (list index)"),
    Body('if 60 * 60 < 100:\n    os.system("echo " + {v})\nos.system("echo done")', S, "constant branch"),
    Body('label = describe({v})\nos.system("logger " + label)', S, "helper that drops the input",
         prelude='''
        def describe(value):
            return "user request received"'''),
    Body('if {v}.isalnum():\n    os.system("id " + {v})', S, "validated with isalnum()"),
    Body('safe = sanitize({v})\nos.system("finger " + safe)', S, "helper quotes for the shell",
         helper_module='''
        import shlex


        def sanitize(value):
            return shlex.quote(value)
        ''', prelude="from .helpers import sanitize"),
    Body('DEBUG = False\nif DEBUG:\n    os.system({v})\nsubprocess.run(["echo", {v}])', S, "constant branch and argv list"),
])

KINDS["sql-injection"] = ("import sqlite3\nfrom sqlalchemy import text\nfrom db import engine, get_connection", "name", [
    Body('conn = sqlite3.connect("app.db")\nconn.execute("SELECT * FROM users WHERE name = \'" + {v} + "\'")', V),
    Body('cur = get_connection().cursor()\ncur.execute(f"DELETE FROM sessions WHERE token = \'{{{v}}}\'")', V),
    Body('query = "SELECT id FROM orders WHERE status = \'%s\'" % {v}\ncur = get_connection().cursor()\ncur.execute(query)', V),
    Body('with engine.connect() as conn:\n    rows = conn.execute(text("SELECT * FROM items WHERE sku = \'{}\'".format({v}))).fetchall()', V),
    Body('order = {v} or "id"\nsql = "SELECT * FROM products ORDER BY " + order\nget_connection().execute(sql)', V),
    Body('conds = []\nconds.append("owner = \'%s\'" % {v})\nsql = "SELECT * FROM docs WHERE " + " AND ".join(conds)\nget_connection().execute(sql)', V),
    Body('find_user({v})', V, prelude='''
        def find_user(username):
            cur = get_connection().cursor()
            cur.execute("SELECT * FROM users WHERE username = '%s'" % username)
            return cur.fetchone()'''),
    Body('import pandas as pd\ndf = pd.read_sql_query(f"SELECT * FROM metrics WHERE host = \'{{{v}}}\'", engine)', V),
    Body('stmt = "UPDATE users SET last_seen = now() WHERE email = \'" + {v}.lower() + "\'"\nget_connection().executescript(stmt)', V),
    Body('count_rows({v})', V, helper_module='''
        from db import get_connection


        def count_rows(table):
            return get_connection().execute("SELECT count(*) FROM " + table).fetchone()
        ''', prelude="from .helpers import count_rows"),
    Body('filters = {"name": {v}, "limit": 10}\nget_connection().execute("SELECT * FROM t WHERE name = \'%s\'" % filters["name"])', V),
    Body('q = "SELECT * FROM logs WHERE msg LIKE \'%" + {v} + "%\'"\nget_connection().cursor().execute(q)', V),
    # safe
    Body('conn = sqlite3.connect("app.db")\nconn.execute("SELECT * FROM users WHERE name = ?", ({v},))', S, "parameterised query"),
    Body('cur = get_connection().cursor()\ncur.execute("DELETE FROM sessions WHERE token = %s", [{v}])', S, "parameterised query"),
    Body('with engine.connect() as conn:\n    conn.execute(text("SELECT * FROM items WHERE sku = :sku"), {"sku": {v}})', S, "bound parameter"),
    Body('limit = int({v})\nget_connection().execute(f"SELECT * FROM news ORDER BY id DESC LIMIT {{limit}}")', S, "int() cast"),
    Body('if {v} not in SORTABLE:\n    abort(400)\nget_connection().execute("SELECT * FROM products ORDER BY " + {v})', S, "allow-list guard",
         prelude='SORTABLE = ("name", "price", "created_at")'),
    Body('column = COLUMNS.get({v}, "id")\nget_connection().execute(f"SELECT {{column}} FROM reports")', S, "constant lookup table",
         prelude='COLUMNS = {"date": "created_at", "size": "bytes", "owner": "owner_id"}'),
    Body('filters = {"name": {v}, "table": "users"}\nget_connection().execute("SELECT count(*) FROM " + filters["table"])', S, "element precision"),
    Body('if len("abc") > 5:\n    get_connection().execute("SELECT * FROM t WHERE a = \'%s\'" % {v})\nget_connection().execute("SELECT 1")', S, "constant branch"),
    Body('table = pick_table({v})\nget_connection().execute("SELECT * FROM " + table)', S, "helper that drops the input",
         prelude='''
        def pick_table(kind):
            if kind == "archive":
                return "orders_archive"
            return "orders"'''),
    Body('params = ({v}, 20)\nget_connection().execute("SELECT * FROM posts WHERE author = ? LIMIT ?", params)', S, "parameterised query"),
    Body('row_id = lookup_id({v})\nget_connection().execute("SELECT * FROM t WHERE id = %d" % row_id)', S, "helper returns an int",
         helper_module='''
        def lookup_id(value):
            return int(value)
        ''', prelude="from .helpers import lookup_id"),
    Body('if not {v}.isdigit():\n    abort(400)\nget_connection().execute("SELECT * FROM invoices WHERE id = " + {v})', S, "isdigit() guard"),
])

KINDS["code-injection"] = ("import math", "expr", [
    Body('result = eval({v})\nprint(result)', V),
    Body('exec("x = " + {v})', V),
    Body('code = compile({v}, "<user>", "exec")\nexec(code)', V),
    Body('formula = "lambda x: " + {v}\nfn = eval(formula)\nprint(fn(2))', V),
    Body('value = eval(f"math.{{{v}}}(2)")', V),
    Body('mod = __import__({v})\nprint(mod)', V),
    Body('calc({v})', V, prelude='''
        def calc(expression):
            return eval(expression, {"__builtins__": {}})'''),
    Body('run_snippet({v})', V, helper_module='''
        def run_snippet(src):
            namespace = {}
            exec(src, namespace)
            return namespace
        ''', prelude="from .helpers import run_snippet"),
    Body('ops = {"expr": {v}, "mode": "eval"}\neval(ops["expr"])', V),
    Body('template = "{}+1".format({v}.strip())\neval(template)', V),
    # safe
    Body('import ast\nvalue = ast.literal_eval({v})\nprint(value)', S, "ast.literal_eval"),
    Body('n = int({v})\nprint(eval(f"{{n}} * 2"))', S, "int() cast"),
    Body('if {v} not in FUNCTIONS:\n    abort(400)\nprint(eval(f"math.{{{v}}}(1)"))', S, "allow-list guard",
         prelude='FUNCTIONS = ["sqrt", "log", "sin", "cos"]'),
    Body('fn = SAFE_OPS.get({v}, "abs")\nprint(eval(fn + "(-3)"))', S, "constant lookup table",
         prelude='SAFE_OPS = {"absolute": "abs", "round": "round"}'),
    Body('ops = {"expr": {v}, "mode": "1 + 1"}\nprint(eval(ops["mode"]))', S, "element precision"),
    Body('if 2 ** 3 == 9:\n    eval({v})\nprint("done")', S, "constant branch"),
    Body('expression = normalize({v})\nprint(eval(expression))', S, "helper that drops the input",
         prelude='''
        def normalize(text):
            return "0"'''),
    Body('if {v}.isdigit():\n    print(eval({v} + " + 1"))', S, "isdigit() guard"),
    Body('x = float({v})\nexec(f"result = {{x}} ** 2")', S, "float() cast"),
    Body('import json\nconfig = json.loads({v})\nprint(config)', S, "json.loads instead of eval"),
])

KINDS["path-traversal"] = ("import os\nimport shutil\nfrom pathlib import Path\nfrom werkzeug.utils import secure_filename\nfrom flask import send_file",
                           "filename", [
    Body('with open(os.path.join("/srv/uploads", {v})) as fh:\n    data = fh.read()', V),
    Body('return send_file("/var/reports/" + {v})', V, returns=True),
    Body('os.remove(f"/tmp/cache/{{{v}}}")', V),
    Body('p = Path("/srv/data") / {v}\ncontent = p.read_text()', V),
    Body('target = os.path.join(BASE_DIR, "exports", {v})\nshutil.rmtree(target)', V, prelude='BASE_DIR = "/srv/app"'),
    Body('data = open({v}, "rb").read()', V),
    Body('read_doc({v})', V, prelude='''
        def read_doc(name):
            with open("/srv/docs/" + name, encoding="utf-8") as f:
                return f.read()'''),
    Body('paths = {"src": {v}, "dst": "/tmp/out"}\nshutil.copy(paths["src"], paths["dst"])', V),
    Body('load_template({v})', V, helper_module='''
        import os

        TEMPLATES = "/srv/templates"


        def load_template(name):
            with open(os.path.join(TEMPLATES, name)) as fh:
                return fh.read()
        ''', prelude="from .helpers import load_template"),
    Body('name = {v}.replace("/", "_")\nwith open("/srv/files/" + name + ".txt") as f:\n    print(f.read())', V),
    Body('for entry in os.listdir("/srv/" + {v}):\n    print(entry)', V),
    # safe
    Body('name = secure_filename({v})\nwith open(os.path.join("/srv/uploads", name)) as fh:\n    print(fh.read())', S, "secure_filename"),
    Body('name = os.path.basename({v})\nos.remove(os.path.join("/tmp/cache", name))', S, "basename"),
    Body('base = os.path.realpath("/srv/data")\npath = os.path.realpath(os.path.join(base, {v}))\nif not path.startswith(base + os.sep):\n    abort(403)\nwith open(path) as f:\n    print(f.read())', S, "base-dir containment check"),
    Body('if {v} not in ALLOWED_FILES:\n    abort(404)\nreturn send_file(os.path.join("/srv/static", {v}))', S, "allow-list guard", returns=True,
         prelude='ALLOWED_FILES = {"terms.pdf", "privacy.pdf", "logo.png"}'),
    Body('paths = {"src": {v}, "dst": "/tmp/out"}\nos.makedirs(paths["dst"], exist_ok=True)', S, "element precision"),
    Body('doc_id = int({v})\nwith open(f"/srv/docs/{{doc_id}}.json") as f:\n    print(f.read())', S, "int() cast"),
    Body('if "x".upper() == "y":\n    os.remove({v})\nos.remove("/tmp/cache/stale.lock")', S, "constant branch"),
    Body('report = report_path({v})\nwith open(report) as f:\n    print(f.read())', S, "helper that drops the input",
         prelude='''
        def report_path(kind):
            return "/srv/reports/latest.csv"'''),
    Body('root = Path("/srv/data").resolve()\ntarget = (root / {v}).resolve()\nif not target.is_relative_to(root):\n    abort(403)\nprint(target.read_text())', S, "is_relative_to containment check"),
    Body('name = clean_name({v})\nos.remove("/srv/tmp/" + name)', S, "helper strips to a basename",
         helper_module='''
        import os


        def clean_name(value):
            return os.path.basename(value)
        ''', prelude="from .helpers import clean_name"),
    Body('if ".." in {v} or {v}.startswith("/"):\n    abort(400)\nwith open(os.path.join("/srv/notes", {v})) as f:\n    print(f.read())', S, "rejects .. and absolute paths"),
])

KINDS["ssrf"] = ("import requests\nimport urllib.request\nfrom urllib.parse import urlparse, quote", "url", [
    Body('resp = requests.get({v}, timeout=5)\nprint(resp.status_code)', V),
    Body('data = urllib.request.urlopen({v}).read()', V),
    Body('requests.post(f"http://{{{v}}}/api/ping", timeout=3)', V),
    Body('endpoint = "https://" + {v} + "/status"\nrequests.get(endpoint)', V),
    Body('with requests.Session() as session:\n    session.get({v})', V),
    Body('fetch({v})', V, prelude='''
        def fetch(link):
            return requests.get(link, timeout=10).text'''),
    Body('targets = {"callback": {v}, "fallback": "https://example.com/hook"}\nrequests.post(targets["callback"], json={"ok": True})', V),
    Body('preview({v})', V, helper_module='''
        import requests


        def preview(address):
            return requests.get(address, timeout=5).text[:200]
        ''', prelude="from .helpers import preview"),
    Body('if {v}.startswith("http"):\n    requests.get({v})', V),
    Body('requests.get("https://api.internal/users/" + {v})', V),
    # safe
    Body('host = urlparse({v}).hostname\nif host not in ALLOWED_HOSTS:\n    abort(400)\nrequests.get({v}, timeout=5)', S, "host allow-list",
         prelude='ALLOWED_HOSTS = {"api.github.com", "hooks.slack.com"}'),
    Body('requests.get("https://api.example.com/search", params={"q": {v}}, timeout=5)', S, "fixed URL, input only in params"),
    Body('requests.get("https://api.example.com/users/" + quote({v}, safe=""), timeout=5)', S, "urllib.parse.quote on the URL part"),
    Body('item = int({v})\nrequests.get(f"https://api.example.com/items/{{item}}")', S, "int() cast"),
    Body('targets = {"callback": {v}, "fallback": "https://example.com/hook"}\nrequests.post(targets["fallback"], json={"ok": True})', S, "element precision"),
    Body('url = SERVICES.get({v}, "https://status.example.com")\nrequests.get(url, timeout=5)', S, "constant lookup table",
         prelude='SERVICES = {"billing": "https://billing.internal/health", "auth": "https://auth.internal/health"}'),
    Body('if 1 > 2:\n    requests.get({v})\nrequests.get("https://example.com/ping")', S, "constant branch"),
    Body('url = build_status_url({v})\nrequests.get(url, timeout=5)', S, "helper that drops the input",
         prelude='''
        def build_status_url(name):
            return "https://status.example.com/summary.json"'''),
    Body('if {v} not in ("us", "eu", "ap"):\n    abort(400)\nrequests.get(f"https://{{{v}}}.api.example.com/health")', S, "allow-list guard"),
    Body('requests.post("https://hooks.example.com/notify", json={"url": {v}}, timeout=5)', S, "input only in the JSON body"),
])

KINDS["open-redirect"] = ("from urllib.parse import urlparse, quote\nfrom django.utils.http import url_has_allowed_host_and_scheme", "next_url", [
    Body('return {redirect}({v})', V, returns=True),
    Body('target = {v} or "/"\nreturn {redirect}(target)', V, returns=True),
    Body('dest = "https://" + {v}\nreturn {redirect}(dest)', V, returns=True),
    Body('return {redirect}(f"{{{v}}}?ref=login")', V, returns=True),
    Body('return go({v})', V, returns=True, prelude='''
        def go(location):
            return {redirect}(location)'''),
    Body('urls = {"next": {v}, "home": "/"}\nreturn {redirect}(urls["next"])', V, returns=True),
    Body('if {v}.startswith("http"):\n    return {redirect}({v})\nreturn {redirect}("/")', V, returns=True),
    Body('target = {v}.strip()\nreturn {redirect}(target)', V, returns=True),
    Body('return {redirect}("//" + {v})', V, returns=True),
    Body('return bounce({v})', V, returns=True, helper_module='''
        from flask import redirect


        def bounce(where):
            return redirect(where)
        ''', prelude="from .helpers import bounce"),
    # safe
    Body('if not url_has_allowed_host_and_scheme({v}, allowed_hosts={"example.com"}):\n    {v} = "/"\nreturn {redirect}({v})', S, "url_has_allowed_host_and_scheme"),
    Body('if urlparse({v}).netloc not in ALLOWED:\n    abort(400)\nreturn {redirect}({v})', S, "host allow-list",
         prelude='ALLOWED = {"example.com", "www.example.com"}'),
    Body('return {redirect}("/profile/" + quote({v}))', S, "fixed path, quoted part"),
    Body('return {redirect}("/search?q=" + {v})', S, "fixed relative path"),
    Body('urls = {"next": {v}, "home": "/"}\nreturn {redirect}(urls["home"])', S, "element precision"),
    Body('dest = PAGES.get({v}, "/")\nreturn {redirect}(dest)', S, "constant lookup table",
         prelude='PAGES = {"home": "/", "settings": "/settings", "billing": "/billing"}'),
    Body('if 3 < 1:\n    return {redirect}({v})\nreturn {redirect}("/dashboard")', S, "constant branch", returns=True),
    Body('return {redirect}(landing_page({v}))', S, "helper that drops the input", returns=True,
         prelude='''
        def landing_page(hint):
            return "/welcome"'''),
    Body('if {v} not in ("/", "/account", "/orders"):\n    {v} = "/"\nreturn {redirect}({v})', S, "allow-list guard", returns=True),
    Body('return {redirect}(f"https://example.com/docs/{{quote({v})}}")', S, "fixed host, quoted part", returns=True),
])

KINDS["ldap-injection"] = ("import ldap\nfrom ldap.filter import escape_filter_chars\nfrom ldap3 import Connection, Server", "uid", [
    Body('conn = ldap.initialize("ldap://ldap.example.com")\nconn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + {v} + ")")', V),
    Body('conn = Connection(Server("ldap.example.com"), auto_bind=True)\nconn.search("dc=example,dc=com", f"(&(objectClass=person)(cn={{{v}}}))")', V),
    Body('flt = "(mail=%s)" % {v}\nldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)', V),
    Body('lookup({v})', V, prelude='''
        def lookup(name):
            l = ldap.initialize("ldap://ldap.example.com")
            return l.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn={})".format(name))'''),
    Body('base = "ou=" + {v} + ",dc=example,dc=com"\nldap.initialize("ldap://dir").search_s(base, ldap.SCOPE_ONELEVEL, "(objectClass=*)")', V),
    Body('q = {"filter": "(uid=%s)" % {v}, "base": "dc=example,dc=com"}\nconn = Connection(Server("dir"), auto_bind=True)\nconn.search(q["base"], q["filter"])', V),
    Body('find_group({v})', V, helper_module='''
        import ldap


        def find_group(group):
            conn = ldap.initialize("ldap://ldap.example.com")
            return conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn=" + group + ")")
        ''', prelude="from .helpers import find_group"),
    Body('conn = Connection(Server("dir"), auto_bind=True)\nconn.search(search_base="dc=example,dc=com", search_filter="(uid=" + {v}.strip() + ")")', V),
    Body('parts = ["(uid=", {v}, ")"]\nldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "".join(parts))', V),
    Body('if {v}:\n    ldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(sn={{{v}}})")', V),
    # safe
    Body('safe = escape_filter_chars({v})\nldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=" + safe + ")")', S, "escape_filter_chars"),
    Body('if not {v}.isalnum():\n    abort(400)\nconn = Connection(Server("dir"), auto_bind=True)\nconn.search("dc=example,dc=com", f"(uid={{{v}}})")', S, "isalnum() guard"),
    Body('q = {"filter": "(uid=%s)" % {v}, "base": "dc=example,dc=com"}\nconn = Connection(Server("dir"), auto_bind=True)\nconn.search(q["base"], "(objectClass=person)")', S, "element precision"),
    Body('if {v} not in GROUPS:\n    abort(400)\nldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(cn=" + {v} + ")")', S, "allow-list guard",
         prelude='GROUPS = ["admins", "developers", "support"]'),
    Body('emp = int({v})\nldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(employeeNumber={{emp}})")', S, "int() cast"),
    Body('if "a" * 2 == "aaa":\n    ldap.initialize("ldap://dir").search_s("dc=x", ldap.SCOPE_SUBTREE, "(cn=" + {v} + ")")\nprint("ok")', S, "constant branch"),
    Body('flt = default_filter({v})\nldap.initialize("ldap://dir").search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt)', S, "helper that drops the input",
         prelude='''
        def default_filter(name):
            return "(objectClass=person)"'''),
    Body('user = clean({v})\nconn = Connection(Server("dir"), auto_bind=True)\nconn.search("dc=example,dc=com", "(uid=%s)" % user)', S, "helper escapes the filter",
         helper_module='''
        from ldap3.utils.conv import escape_filter_chars


        def clean(value):
            return escape_filter_chars(value)
        ''', prelude="from .helpers import clean"),
    Body('base = OUS.get({v}, "ou=people,dc=example,dc=com")\nldap.initialize("ldap://dir").search_s(base, ldap.SCOPE_ONELEVEL, "(objectClass=*)")', S, "constant lookup table",
         prelude='OUS = {"staff": "ou=staff,dc=example,dc=com", "guests": "ou=guests,dc=example,dc=com"}'),
    Body('conn = Connection(Server("dir"), auto_bind=True)\nconn.search("dc=example,dc=com", "(objectClass=person)", attributes=[{v}])', S, "input only in the attribute list"),
])

KINDS["xpath-injection"] = ("from lxml import etree\nimport xml.etree.ElementTree as ET", "user", [
    Body('tree = etree.parse("/srv/users.xml")\nnodes = tree.xpath("//user[@name=\'" + {v} + "\']")', V),
    Body('root = etree.parse("/srv/users.xml").getroot()\nroot.xpath(f"//account[login=\'{{{v}}}\']/balance/text()")', V),
    Body('finder = etree.XPath("//item[@sku=\'%s\']" % {v})\nfinder(etree.parse("/srv/catalog.xml"))', V),
    Body('tree = ET.parse("/srv/config.xml")\nroot = tree.getroot()\nroot.findall(".//setting[@key=\'" + {v} + "\']")', V),
    Body('search_books({v})', V, prelude='''
        def search_books(title):
            doc = etree.parse("/srv/books.xml")
            return doc.xpath("//book[title='{}']".format(title))'''),
    Body('query = {"expr": "//user[@id=\'" + {v} + "\']", "limit": 5}\netree.parse("/srv/u.xml").xpath(query["expr"])', V),
    Body('find_node({v})', V, helper_module='''
        from lxml import etree


        def find_node(name):
            tree = etree.parse("/srv/nodes.xml")
            return tree.xpath("//node[@name='" + name + "']")
        ''', prelude="from .helpers import find_node"),
    Body('expr = "//product[name=\'%s\']" % {v}.strip()\ndoc = etree.parse("/srv/p.xml")\ndoc.xpath(expr)', V),
    Body('tree = etree.parse("/srv/users.xml")\ntree.xpath({v})', V),
    Body('if {v}:\n    etree.parse("/srv/users.xml").xpath("//user[email=\'" + {v} + "\']")', V),
    # safe
    Body('tree = etree.parse("/srv/users.xml")\nnodes = tree.xpath("//user[@name=$name]", name={v})', S, "XPath variable"),
    Body('root = etree.parse("/srv/users.xml").getroot()\nuid = int({v})\nroot.xpath(f"//account[@id={{uid}}]")', S, "int() cast"),
    Body('if {v} not in FIELDS:\n    abort(400)\netree.parse("/srv/users.xml").xpath("//user/" + {v})', S, "allow-list guard",
         prelude='FIELDS = {"name", "email", "created"}'),
    Body('query = {"expr": "//user[@id=\'" + {v} + "\']", "base": "//users"}\netree.parse("/srv/u.xml").xpath(query["base"])', S, "element precision"),
    Body('if 10 % 3 == 0:\n    etree.parse("/srv/u.xml").xpath({v})\nprint("ok")', S, "constant branch"),
    Body('expr = expression_for({v})\netree.parse("/srv/u.xml").xpath(expr)', S, "helper that drops the input",
         prelude='''
        def expression_for(kind):
            return "//user[@active='true']"'''),
    Body('finder = etree.XPath("//item[@sku=$sku]")\nfinder(etree.parse("/srv/catalog.xml"), sku={v})', S, "compiled XPath with a variable"),
    Body('if not {v}.isalnum():\n    abort(400)\nET.parse("/srv/c.xml").getroot().findall(".//setting[@key=\'" + {v} + "\']")', S, "isalnum() guard"),
    Body('path = PATHS.get({v}, "//user")\netree.parse("/srv/u.xml").xpath(path)', S, "constant lookup table",
         prelude='PATHS = {"admins": "//user[@role=\'admin\']", "all": "//user"}'),
    Body('nodes = etree.parse("/srv/u.xml").xpath("//user")\nmatches = [n for n in nodes if n.get("name") == {v}]', S, "comparison in Python"),
])

KINDS["xss"] = ("import html\nfrom markupsafe import Markup, escape", "name", [
    Body('return {html}("<h1>Hello " + {v} + "</h1>")', V, returns=True),
    Body('page = f"<p>Results for {{{v}}}</p>"\nreturn {html}(page)', V, returns=True),
    Body('return {html}("<div class=\'msg\'>%s</div>" % {v})', V, returns=True),
    Body('body = "<ul>" + "".join("<li>{}</li>".format(x) for x in {v}.split(",")) + "</ul>"\nreturn {html}(body)', V, returns=True),
    Body('greeting = Markup("<b>" + {v} + "</b>")\nreturn {html}(str(greeting))', V, returns=True),
    Body('return {html}(render_card({v}))', V, returns=True, prelude='''
        def render_card(title):
            return "<div class='card'><h2>" + title + "</h2></div>"'''),
    Body('parts = {"title": {v}, "footer": "(c) example"}\nreturn {html}("<title>" + parts["title"] + "</title>")', V, returns=True),
    Body('if {v}:\n    return {html}(f"<span>{{{v}}}</span>")\nreturn {html}("<span>anonymous</span>")', V, returns=True),
    Body('return {html}(banner({v}))', V, returns=True, helper_module='''
        def banner(text):
            return "<div class='banner'>" + text + "</div>"
        ''', prelude="from .helpers import banner"),
    Body('msg = "Welcome back, {}!".format({v}.title())\nreturn {html}("<p>" + msg + "</p>")', V, returns=True),
    # safe
    Body('return {html}("<h1>Hello " + html.escape({v}) + "</h1>")', S, "html.escape", returns=True),
    Body('return {html}(f"<p>Results for {{escape({v})}}</p>")', S, "markupsafe.escape", returns=True),
    Body('count = int({v})\nreturn {html}(f"<p>{{count}} items</p>")', S, "int() cast", returns=True),
    Body('parts = {"title": {v}, "footer": "(c) example"}\nreturn {html}("<footer>" + parts["footer"] + "</footer>")', S, "element precision", returns=True),
    Body('if {v} not in THEMES:\n    abort(400)\nreturn {html}(f"<body class=\'{{{v}}}\'></body>")', S, "allow-list guard", returns=True,
         prelude='THEMES = ("light", "dark", "contrast")'),
    Body('if 1 + 1 == 3:\n    return {html}("<p>" + {v} + "</p>")\nreturn {html}("<p>maintenance</p>")', S, "constant branch", returns=True),
    Body('return {html}(status_banner({v}))', S, "helper that drops the input", returns=True,
         prelude='''
        def status_banner(user):
            return "<div>Service is up</div>"'''),
    Body('label = LABELS.get({v}, "Unknown")\nreturn {html}("<span>" + label + "</span>")', S, "constant lookup table", returns=True,
         prelude='LABELS = {"ok": "All good", "warn": "Check settings"}'),
    Body('return {html}(safe_banner({v}))', S, "helper escapes", returns=True, helper_module='''
        import html


        def safe_banner(text):
            return "<div class='banner'>" + html.escape(text) + "</div>"
        ''', prelude="from .helpers import safe_banner"),
    Body('return {json}({"name": {v}})', S, "JSON response", returns=True),
])

KINDS["xxe"] = ("from lxml import etree\nimport defusedxml.ElementTree as SafeET", "xml_doc", [
    Body('doc = etree.fromstring({v})\nprint(doc.tag)', V),
    Body('parser = etree.XMLParser(resolve_entities=True)\nroot = etree.fromstring({v}.encode(), parser)\nprint(root.tag)', V),
    Body('tree = etree.parse(io.BytesIO({v}.encode()))\nprint(tree.getroot().tag)', V),
    Body('parse_invoice({v})', V, prelude='''
        def parse_invoice(raw):
            root = etree.XML(raw)
            return root.findtext("total")'''),
    Body('import xml.sax\nfrom xml.sax.handler import feature_external_ges\nparser = xml.sax.make_parser()\nparser.setFeature(feature_external_ges, True)\nparser.parse(io.StringIO({v}))', V),
    Body('docs = {"body": {v}, "schema": "<x/>"}\netree.fromstring(docs["body"])', V),
    Body('load_feed({v})', V, helper_module='''
        from lxml import etree


        def load_feed(data):
            return etree.fromstring(data).findall("item")
        ''', prelude="from .helpers import load_feed"),
    Body('payload = {v}.strip().encode("utf-8")\nelem = etree.fromstring(payload, parser=etree.XMLParser(load_dtd=True, no_network=False))', V),
    # safe
    Body('doc = SafeET.fromstring({v})\nprint(doc.tag)', S, "defusedxml"),
    Body('parser = etree.XMLParser(resolve_entities=False, no_network=True)\nroot = etree.fromstring({v}.encode(), parser)\nprint(root.tag)', S, "entities disabled"),
    Body('docs = {"body": {v}, "schema": "<x/>"}\netree.fromstring(docs["schema"])', S, "element precision"),
    Body('if 5 < 2:\n    etree.fromstring({v})\nprint("disabled")', S, "constant branch"),
    Body('doc = etree.fromstring(default_doc({v}))', S, "helper that drops the input",
         prelude='''
        def default_doc(raw):
            return b"<config><mode>default</mode></config>"'''),
    Body('root = parse_safely({v})\nprint(root.tag)', S, "helper uses defusedxml", helper_module='''
        import defusedxml.ElementTree as ET


        def parse_safely(data):
            return ET.fromstring(data)
        ''', prelude="from .helpers import parse_safely"),
    Body('safe_parser = etree.XMLParser(resolve_entities=False)\ntree = etree.parse(io.BytesIO({v}.encode()), parser=safe_parser)\nprint(tree.getroot().tag)', S, "entities disabled"),
    Body('template = TEMPLATES.get({v}, "<empty/>")\netree.fromstring(template)', S, "constant lookup table",
         prelude='TEMPLATES = {"a": "<a/>", "b": "<b/>"}'),
])

KINDS["deserialization"] = ("import base64\nimport json\nimport pickle\nimport yaml", "blob", [
    Body('obj = pickle.loads(base64.b64decode({v}))\nprint(obj)', V),
    Body('config = yaml.load({v}, Loader=yaml.Loader)\nprint(config)', V),
    Body('state = pickle.loads({v}.encode("latin-1"))', V),
    Body('import marshal\ncode = marshal.loads(bytes.fromhex({v}))', V),
    Body('restore({v})', V, prelude='''
        def restore(data):
            return pickle.loads(base64.urlsafe_b64decode(data))'''),
    Body('items = {"state": {v}, "version": "1"}\npickle.loads(base64.b64decode(items["state"]))', V),
    Body('load_session({v})', V, helper_module='''
        import base64
        import pickle


        def load_session(token):
            return pickle.loads(base64.b64decode(token))
        ''', prelude="from .helpers import load_session"),
    Body('settings = yaml.unsafe_load({v})', V),
    Body('import jsonpickle\nobj = jsonpickle.decode({v})', V),
    # safe
    Body('obj = json.loads({v})\nprint(obj)', S, "json.loads"),
    Body('config = yaml.safe_load({v})\nprint(config)', S, "yaml.safe_load"),
    Body('config = yaml.load({v}, Loader=yaml.SafeLoader)', S, "SafeLoader"),
    Body('items = {"state": {v}, "version": "1"}\npickle.loads(pickle.dumps(items["version"]))', S, "element precision"),
    Body('if 0 > 1:\n    pickle.loads({v})\nprint("no")', S, "constant branch"),
    Body('blob = cached_state({v})\nobj = pickle.loads(blob)', S, "helper that drops the input",
         prelude='''
        def cached_state(key):
            return pickle.dumps({"empty": True})'''),
    Body('data = decode({v})\nprint(data)', S, "helper uses json", helper_module='''
        import base64
        import json


        def decode(token):
            return json.loads(base64.b64decode(token))
        ''', prelude="from .helpers import decode"),
    Body('n = int({v})\nprint(pickle.loads(pickle.dumps(n)))', S, "int() cast"),
])

KINDS["header-injection"] = ("", "lang", [
    Body('resp = make_response("ok")\nresp.headers["Content-Language"] = {v}\nreturn resp', V, returns=True),
    Body('resp = make_response("ok")\nresp.headers["X-Trace"] = "trace-" + {v}\nreturn resp', V, returns=True),
    Body('resp = make_response("ok")\nresp.set_cookie("pref", {v})\nreturn resp', V, returns=True),
    Body('resp = make_response("ok")\nresp.headers.add("Link", f"<{{{v}}}>; rel=preload")\nreturn resp', V, returns=True),
    Body('resp = make_response("ok")\ntag_response(resp, {v})\nreturn resp', V, returns=True, prelude='''
        def tag_response(response, value):
            response.headers["X-Tag"] = value'''),
    Body('vals = {"lang": {v}, "cache": "no-store"}\nresp = make_response("ok")\nresp.headers["Content-Language"] = vals["lang"]\nreturn resp', V, returns=True),
    Body('resp = make_response("ok")\nresp.headers["Location"] = "/home?from=" + {v}\nreturn resp', V, returns=True),
    Body('resp = make_response("ok")\nresp.headers.set("X-Request-Name", {v}.strip())\nreturn resp', V, returns=True),
    # safe
    Body('resp = make_response("ok")\nresp.headers["Content-Language"] = {v}.replace("\\r", "").replace("\\n", "")\nreturn resp', S, "CR/LF removed", returns=True),
    Body('if {v} not in ("en", "de", "fr"):\n    abort(400)\nresp = make_response("ok")\nresp.headers["Content-Language"] = {v}\nreturn resp', S, "allow-list guard", returns=True),
    Body('vals = {"lang": {v}, "cache": "no-store"}\nresp = make_response("ok")\nresp.headers["Cache-Control"] = vals["cache"]\nreturn resp', S, "element precision", returns=True),
    Body('size = int({v})\nresp = make_response("ok")\nresp.headers["X-Page-Size"] = str(size)\nreturn resp', S, "int() cast", returns=True),
    Body('resp = make_response("ok")\nif 7 * 6 != 42:\n    resp.headers["X-Debug"] = {v}\nreturn resp', S, "constant branch", returns=True),
    Body('resp = make_response("ok")\nresp.headers["X-Lang"] = header_value({v})\nreturn resp', S, "helper that drops the input", returns=True,
         prelude='''
        def header_value(raw):
            return "en"'''),
    Body('resp = make_response("ok")\nresp.headers["X-Ref"] = quote({v})\nreturn resp', S, "urllib.parse.quote", returns=True,
         prelude="from urllib.parse import quote"),
    Body('resp = make_response("ok")\nresp.headers["X-Lang"] = LANGS.get({v}, "en")\nreturn resp', S, "constant lookup table", returns=True,
         prelude='LANGS = {"german": "de", "french": "fr"}'),
])

KINDS["log-injection"] = ("import logging\n\nlogger = logging.getLogger(__name__)", "username", [
    Body('logger.info("login attempt for " + {v})', V),
    Body('logging.warning(f"password reset requested by {{{v}}}")', V),
    Body('logger.error("bad token for user %s", {v})', V),
    Body('log = logging.getLogger("audit")\nlog.info("user %s exported data" % {v})', V),
    Body('audit({v})', V, prelude='''
        def audit(who):
            logger.info("audit: " + who)'''),
    Body('entry = {"user": {v}, "action": "login"}\nlogger.info("event user=%s", entry["user"])', V),
    Body('logger.warning("search term: {}".format({v}.strip()))', V),
    Body('record({v})', V, helper_module='''
        import logging

        log = logging.getLogger("events")


        def record(name):
            log.info("event for %s", name)
        ''', prelude="from .helpers import record"),
    # safe
    Body('logger.info("login attempt for %r", {v})', S, "%r formatting escapes line breaks"),
    Body('logger.info("login attempt for " + {v}.replace("\\n", "").replace("\\r", ""))', S, "CR/LF removed"),
    Body('entry = {"user": {v}, "action": "login"}\nlogger.info("event action=%s", entry["action"])', S, "element precision"),
    Body('uid = int({v})\nlogger.info("user %d logged in", uid)', S, "int() cast"),
    Body('if 2 < 1:\n    logger.info("debug " + {v})\nlogger.info("request handled")', S, "constant branch"),
    Body('logger.info("login attempt for " + mask({v}))', S, "helper that drops the input", prelude='''
        def mask(name):
            return "***"'''),
    Body('logger.info(f"search term: {{{v}!r}}")', S, "!r conversion"),
    Body('if {v} not in KNOWN_USERS:\n    abort(403)\nlogger.info("known user %s", {v})', S, "allow-list guard",
         prelude='KNOWN_USERS = {"alice", "bob"}'),
])

KINDS["trust-boundary"] = ("", "role", [
    Body('session["role"] = {v}', V),
    Body('session["prefs"] = {"theme": {v}}', V),
    Body('session.update(cart={v})', V),
    Body('remember(session, {v})', V, prelude='''
        def remember(store, value):
            store["last_search"] = value'''),
    Body('vals = {"role": {v}, "seen": True}\nsession["role"] = vals["role"]', V),
    Body('session["user"] = {v}.strip().lower()', V),
    Body('data = {"name": {v}}\nsession.update(data)', V),
    Body('session["greeting"] = f"hello {{{v}}}"', V),
    # safe
    Body('if {v} not in ROLES:\n    abort(400)\nsession["role"] = {v}', S, "allow-list guard", prelude='ROLES = ("viewer", "editor")'),
    Body('session["page"] = int({v})', S, "int() cast"),
    Body('vals = {"role": {v}, "seen": True}\nsession["seen"] = vals["seen"]', S, "element precision"),
    Body('if 9 < 3:\n    session["role"] = {v}\nsession["role"] = "viewer"', S, "constant branch"),
    Body('session["role"] = default_role({v})', S, "helper that drops the input", prelude='''
        def default_role(requested):
            return "viewer"'''),
    Body('session["theme"] = THEMES.get({v}, "light")', S, "constant lookup table",
         prelude='THEMES = {"dark": "dark", "light": "light"}'),
    Body('if {v}.isdigit():\n    session["page"] = {v}', S, "isdigit() guard"),
    Body('print({v})\nsession["visited"] = True', S, "input not stored"),
])


FRAMEWORKS_FOR = {
    "trust-boundary": ("flask", "django"),
    "header-injection": ("flask", "django"),
}
PLACEHOLDERS = {
    "flask": {"{redirect}": "redirect", "{html}": "make_response", "{json}": "jsonify"},
    "django": {"{redirect}": "HttpResponseRedirect", "{html}": "HttpResponse", "{json}": "JsonResponse"},
    "fastapi": {"{redirect}": "RedirectResponse", "{html}": "HTMLResponse", "{json}": "JSONResponse"},
}
EXTRA_IMPORTS = {"xxe": "import io", "fastapi": "from fastapi.responses import JSONResponse"}


def _adapt(body: Body, framework: str) -> Body:
    code, prelude, helper = body.code, body.prelude, body.helper_module
    for k, v in PLACEHOLDERS[framework].items():
        code, prelude, helper = code.replace(k, v), prelude.replace(k, v), helper.replace(k, v)
    if framework == "django":
        code = code.replace("session[", "request.session[").replace("session.update", "request.session.update")
        code = code.replace("remember(session,", "remember(request.session,")
        code = code.replace('make_response("ok")', 'HttpResponse("ok")')
        if "set_cookie" not in code and "headers[" in code:
            code = code.replace(".headers[", "[")
        helper = helper.replace("from flask import redirect", "from django.shortcuts import redirect")
    if framework == "fastapi" and "from flask import redirect" in helper:
        helper = helper.replace("from flask import redirect", "from fastapi.responses import RedirectResponse as redirect")
    return Body(code, body.label, body.reason, prelude, helper, body.returns)


def generate(out: Path = OUT) -> int:
    if out.exists():
        shutil.rmtree(out)
    count = 0
    for kind, (imports, var, bodies) in KINDS.items():
        frameworks = FRAMEWORKS_FOR.get(kind, tuple(dict.fromkeys(FRAMEWORK_ORDER)))
        for b_index, body in enumerate(bodies):
            copies = 1 if body.helper_module else 2
            for copy in range(copies):
                framework = frameworks[(b_index + copy) % len(frameworks)]
                src_index = b_index * 2 + copy
                adapted = _adapt(body, framework)
                extra = "\n".join(x for x in (EXTRA_IMPORTS.get(kind, ""),
                                              EXTRA_IMPORTS.get(framework, "")) if x)
                head = "\n".join(x for x in (imports, extra) if x)
                route = f"{kind.split('-')[0]}-{b_index}-{copy}"
                code = RENDER[framework](adapted, head, var, var.replace("_", ""), src_index, route)
                header = f"# kind: {kind}\n# label: {body.label}\n"
                if body.reason:
                    header += f"# reason: {body.reason}\n"
                name = f"{kind}-{b_index:02d}-{copy}-{framework}"
                folder = out / kind
                folder.mkdir(parents=True, exist_ok=True)
                if body.helper_module:
                    pkg = folder / name.replace("-", "_")
                    pkg.mkdir()
                    (pkg / "__init__.py").write_text("")
                    (pkg / "helpers.py").write_text(textwrap.dedent(adapted.helper_module).lstrip("\n"))
                    (pkg / "app.py").write_text(header + code)
                else:
                    (folder / f"{name}.py").write_text(header + code)
                count += 1
    return count


if __name__ == "__main__":
    print(f"{generate()} cases written to {OUT}")
