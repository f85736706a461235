"""Python rules calibrated on released applications: a dangerous call keeps its confidence only
when the code we see shows where the risky value comes from (the request, the console, a socket,
a download); a value of unknown origin is reported at low (the editor and the agent see it, the
commit and CI thresholds do not), and an in-memory round trip not at all."""

from __future__ import annotations

import pytest

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.model import Confidence, Finding, Severity

_ENGINE: list[Engine] = []


def _engine() -> Engine:
    if not _ENGINE:
        _ENGINE.append(Engine(default_config()))
    return _ENGINE[0]


def _found(source: str, rule: str, path: str = "app/views.py") -> list[Confidence]:
    result = _engine().scan_document(Document(path, source.encode()))
    return [f.confidence for f in result.findings if f.rule_id == rule]


OUTSIDE = {
    "mongo-where-from-request": ("python.nosql-where-injection",
                                 "from flask import request\n\ndef search(db):\n    name = request.args['name']\n"
                                 "    return list(db.users.find({'$where': f\"this.name == '{name}'\"}))\n"),
    "sql-from-request": ("python.sql-injection-format",
                         "from flask import request\n\ndef search(cur):\n    term = request.args.get('q')\n"
                         "    cur.execute(f\"SELECT * FROM items WHERE name = '{term}'\")\n"),
    "text-from-request": ("python.sqlalchemy-text-built",
                          "from flask import request\nfrom sqlalchemy import text\n\ndef find(db):\n"
                          "    name = request.form['name']\n"
                          "    return db.execute(text(\"SELECT * FROM users WHERE name = '\" + name + \"'\"))\n"),
    "eval-of-input": ("python.eval-nonconstant", "def calc():\n    expr = input('> ')\n    return eval(expr)\n"),
    "pickle-of-request": ("python.pickle-load",
                          "import pickle\n\ndef restore(request):\n    return pickle.loads(request.data)\n"),
    "pickle-from-socket": ("python.pickle-load",
                           "import pickle\n\ndef serve(conn):\n    blob = conn.recv(65536)\n    return pickle.loads(blob)\n"),
    "log-added-credential": ("python.log-secret",
                             "import logging\nlog = logging.getLogger(__name__)\n\ndef add_credential(oid, credential):\n"
                             "    log.info('add(oid=%s, credential=%s)', oid, credential)\n"),
    "log-password": ("python.log-secret",
                     "import logging\nlog = logging.getLogger(__name__)\n\ndef login(user, password):\n"
                     "    log.info('login %s with %s', user, password)\n"),
    "jwt-claims-trusted": ("python.jwt-decode-without-verification",
                           "import jwt\n\ndef user_of(token):\n"
                           "    claims = jwt.decode(token, options={'verify_signature': False})\n"
                           "    return claims['sub']\n"),
    # verification off whenever the code asks for TLS: no setting chooses it
    "cert-none-when-ssl-required": ("python.ssl-cert-none",
                                    "import ssl\n\ndef connect(ssl_require):\n    if ssl_require:\n"
                                    "        ctx = ssl.create_default_context()\n        ctx.verify_mode = ssl.CERT_NONE\n"
                                    "        return ctx\n"),
    "hostname-off-by-default": ("python.ssl-check-hostname-false",
                                "import ssl\n\ndef context(certfile):\n    if certfile:\n"
                                "        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n    else:\n"
                                "        ctx = ssl.create_default_context()\n        ctx.check_hostname = False\n"
                                "        return ctx\n"),
    # a signature over a hash with practical collisions keeps medium
    "rsa-sign-sha1": ("python.weak-hash-signature",
                      "from cryptography.hazmat.primitives import hashes\nfrom cryptography.hazmat.primitives.asymmetric import padding\n\n"
                      "def sign(key, document):\n    return key.sign(document, padding.PKCS1v15(), hashes.SHA1())\n"),
    # a configuration class switches it off for the whole application
    "csrf-off-in-config-class": ("python.csrf-disabled",
                                 "class ProductionConfig(BaseConfig):\n    SECRET_KEY_FILE = '/run/key'\n"
                                 "    WTF_CSRF_ENABLED = False\n"),
    "static-salt-password": ("python.static-salt",
                             "import hashlib\n\ndef hash_password(password):\n"
                             "    return hashlib.pbkdf2_hmac('sha256', password.encode(), b'static-salt', 600_000)\n"),
    "static-salt-bcrypt-pw": ("python.static-salt",
                              "import bcrypt\n\nSALT = b'$2b$12$abcdefghijklmnopqrstuu'\n\ndef hash_pw(pw):\n"
                              "    return bcrypt.hashpw(pw.encode(), SALT)\n"),
    "cookie-httponly-off": ("python.insecure-cookie-setting",
                            "DEBUG = False\nREMEMBER_COOKIE_HTTPONLY = False\n"),
    "shell-c-from-request": ("python.shell-c-command",
                             "import subprocess\nfrom flask import request\n\ndef grep():\n"
                             "    pattern = request.args['q']\n"
                             "    return subprocess.run(['bash', '-c', f'grep {pattern} /var/log/app.log'])\n"),
    "jinja-html": ("python.jinja2-autoescape-false",
                   "from jinja2 import Environment, FileSystemLoader\n\ndef render_page(name, ctx):\n"
                   "    env = Environment(loader=FileSystemLoader('templates'), autoescape=False)\n"
                   "    return env.get_template(name + '.html').render(**ctx)\n"),
    # the same command line in a file that also serves web requests
    "shell-in-web-file": ("python.subprocess-shell-true",
                          "import subprocess, sys\nfrom flask import request\n\nDEBUG = '-d' in sys.argv\n\n"
                          "def lookup():\n    host = request.args['host']\n"
                          "    return subprocess.check_output(f'host {host}', shell=True)\n"),
    "print-password-in-service": ("python.print-secret",
                                  "def login(user, password):\n    print('login attempt', user, password)\n"
                                  "    return check(user, password)\n"),
    # the same key made in a web module and printed: it lands in the server's log
    "print-generated-key-in-service": ("python.print-secret",
                                       "import secrets\nfrom flask import request\n\ndef reset():\n"
                                       "    password = secrets.token_urlsafe(16)\n    print('new password', password)\n"
                                       "    return {'user': request.form['user']}\n"),
    "log-token": ("python.log-secret",
                  "def remote(log, auth_token):\n    log.debug('remote login with token: %s', auth_token.auth_token)\n"),
}


@pytest.mark.parametrize("case", sorted(OUTSIDE))
def test_outside_input_keeps_its_confidence(case: str) -> None:
    # the rule's finding, or another's for the same weakness at the same call (one problem is
    # reported once: the rule gives way to the taint analyzer or to a more specific rule)
    rule, source = OUTSIDE[case]
    cwes = set(_engine().rules_by_id[rule].cwe)
    findings = _engine().scan_document(Document("app/views.py", source.encode())).findings
    found = [f.confidence for f in findings if f.rule_id == rule or cwes & set(f.cwe)]
    assert found and all(c >= Confidence.MEDIUM for c in found), found


UNKNOWN = {
    # an SDK's helper passes on the JavaScript its caller wrote
    "mongo-function-from-caller": ("python.nosql-where-injection",
                                   "class Expr:\n    def _function(self, body):\n"
                                   "        return {'$function': {'body': ' '.join(body.split()), 'lang': 'js'}}\n"),
    # SQL assembled from a parameter: the caller may pass an identifier it quoted, or user text
    "sql-from-parameter": ("python.sql-injection-format",
                           "def rows(cur, table_sql, limit):\n"
                           "    cur.execute('SELECT * FROM ' + table_sql + ' WHERE n = %s' % limit)\n"),
    "text-from-config": ("python.sqlalchemy-text-built",
                         "from sqlalchemy import text\n\ndef index(conn, config):\n    opts = config.get('index_opts')\n"
                         "    conn.execute(text(f\"SELECT * FROM t WHERE kind = '{opts}'\"))\n"),
    "eval-of-own-file": ("python.eval-nonconstant",
                         "def versions(path):\n    with open(path) as fh:\n        spec = fh.read()\n    return eval(spec)\n"),
    "xpath-of-own-document": ("python.xpath-injection",
                              "def cover(tree, ns):\n    cid = tree.xpath('//meta/@content')[0]\n"
                              "    return tree.xpath(\"//item[@id='\" + cid + \"']\", namespaces=ns)\n"),
    "pickle-of-own-storage": ("python.pickle-load",
                              "import pickle\n\ndef load_cache(folder):\n    with open(folder / 'cache.pkl', 'rb') as fh:\n"
                              "        return pickle.load(fh)\n"),
    "log-session-id": ("python.log-secret",
                       "def caller(log, session_id):\n    log.warning(f'session {session_id} disconnected')\n"),
    "exception-text": ("python.exception-to-client",
                       "from flask import jsonify\n\ndef create():\n    try:\n        return save()\n"
                       "    except Exception as e:\n        return jsonify({'error': str(e)}), 500\n"),
    "timing": ("python.timing-unsafe-compare",
               "from flask import request, abort\n\ndef hook(settings):\n"
               "    if request.headers.get('X-Token') != settings.WEBHOOK_TOKEN:\n        abort(403)\n"),
    # an unverified peek at the claims that pick the issuer's keys, or at an expiry
    "jwt-peek-issuer": ("python.jwt-decode-without-verification",
                        "import jwt\n\ndef keys_for(token):\n"
                        "    unverified_claims = jwt.decode(token, options={'verify_signature': False})\n"
                        "    return ISSUERS[unverified_claims.get('iss')]\n"),
    "jwt-peek-exp": ("python.jwt-decode-without-verification",
                     "import jwt\n\ndef expiry(token):\n"
                     "    exp = jwt.decode(token, options={'verify_signature': False}).get('exp')\n    return exp\n"),
    # the operator's verification mode: the else of REQUIRED/OPTIONAL, an `insecure` option
    "cert-none-chosen-mode": ("python.ssl-cert-none",
                              "import ssl\n\ndef context(self):\n    ctx = ssl.create_default_context()\n"
                              "    if self.ssl_verify_mode == 'REQUIRED':\n        ctx.verify_mode = ssl.CERT_REQUIRED\n"
                              "    else:\n        ctx.verify_mode = ssl.CERT_NONE\n    return ctx\n"),
    # a remote's own switch, on unless its owner turns certificate validation off
    "cert-none-validation-off": ("python.ssl-cert-none",
                                 "import ssl\n\ndef context(remote):\n    ctx = ssl.create_default_context()\n"
                                 "    if not remote.tls_validation:\n        ctx.check_hostname = False\n"
                                 "        ctx.verify_mode = ssl.CERT_NONE\n    return ctx\n"),
    "hostname-off-insecure-option": ("python.ssl-check-hostname-false",
                                     "import ssl\n\ndef context(opts):\n    ctx = ssl.create_default_context()\n"
                                     "    if opts.insecure:\n        ctx.check_hostname = False\n    return ctx\n"),
    # HMAC keeps its strength over MD5 and SHA-1 (a protocol's choice, e.g. a webhook header)
    "hmac-sha1": ("python.weak-hash-signature",
                  "import hashlib, hmac\n\ndef signature(secret, body):\n"
                  "    return hmac.new(secret, msg=body, digestmod=hashlib.sha1).hexdigest()\n"),
    # one handler class opts out of the global CSRF check (its form checks its own token)
    "csrf-off-for-one-handler": ("python.csrf-disabled",
                                 "class LoginHandler(BaseHandler):\n    CSRF_ENABLED = False\n\n"
                                 "    def process(self):\n        return self.render()\n"),
    # an environment for LaTeX sources: HTML escaping would break them
    "jinja-latex": ("python.jinja2-autoescape-false",
                    "from jinja2 import Environment, FileSystemLoader\n\ndef render_pdf(name, ctx):\n"
                    "    env = Environment(loader=FileSystemLoader('latex_templates'), autoescape=False)\n"
                    "    return env.get_template(name + '.tex').render(**ctx)\n"),
    # the hash an htdigest file holds: HTTP Digest defines it, the web server reads it
    "htdigest-entry": ("python.weak-hash-password",
                       "import hashlib\n\ndef digest_entry(username, realm, password):\n"
                       "    return hashlib.md5(f'{username}:{realm}:{password}'.encode()).hexdigest()\n"),
    # LDAP's salted SHA-1 userPassword format, written for the directory
    "ldap-ssha": ("python.weak-hash-password",
                  "import base64, hashlib, os\n\ndef ssha(password):\n    salt = os.urandom(4)\n"
                  "    h = hashlib.sha1(password.encode() + salt)\n"
                  "    return '{SSHA}' + base64.b64encode(h.digest() + salt).decode()\n"),
    # the frameworks' own default, written out: a plain-HTTP deployment works, HTTPS ones set it
    "cookie-secure-default": ("python.insecure-cookie-setting",
                              "DEBUG = False\nSESSION_COOKIE_SECURE = False\n"),
    # a command assembled from the program's own pieces (an environment's activate script, a pinned install)
    "shell-c-own-pieces": ("python.shell-c-command",
                           "import subprocess\n\ndef install(activate_cmd):\n"
                           "    steps = activate_cmd + ['pip install gunicorn']\n"
                           "    subprocess.Popen(['bash', '-c', ' && '.join(steps)]).wait()\n"),
    # a salt for a crypt-style hash: unique per password, stored beside it
    "salt-from-random-choice": ("python.random-choice-for-secret",
                                "import random, string\n\ndef salt(length=2):\n"
                                "    return ''.join(random.choice(string.ascii_letters + string.digits) for _ in range(length))\n"),
    # a key derived from a random secret (a test wallet's key from its seed), no password in sight
    "static-salt-key-from-secret": ("python.static-salt",
                                    "from hashlib import pbkdf2_hmac\n\ndef stand_in_key(secret: str) -> str:\n"
                                    "    return pbkdf2_hmac('sha256', secret.encode(), b'StandIn', 2048, 32).hex()\n"),
    # delimiters moved off `{{ }}` so that the templates can be source code (a project generator)
    "jinja-code-generator": ("python.jinja2-autoescape-false",
                             "from jinja2 import Environment, FileSystemLoader\n\ndef env_for(folder):\n"
                             "    return Environment(loader=FileSystemLoader(folder), variable_start_string='<<',\n"
                             "                       variable_end_string='>>', autoescape=False)\n"),
    # a commit hook's own command line (the VCS passes the repository and revision)
    "shell-in-cli-script": ("python.subprocess-shell-true",
                            "import subprocess\nfrom twisted.python import usage\n\nclass Options(usage.Options):\n"
                            "    optParameters = [['repository', 'r', None, 'path']]\n\n"
                            "def changes(opts):\n    repo = opts['repository']\n"
                            "    return subprocess.check_output(f'svnlook changed {repo}', shell=True)\n"),
    "popen-in-cli-script": ("python.os-system",
                            "import argparse, os\n\nparser = argparse.ArgumentParser()\n"
                            "parser.add_argument('revset')\n\ndef authors(args):\n"
                            "    return os.popen(\"hg log -r '%s' -T '{author}'\" % args.revset).readlines()\n"),
    # a click command's own options (a developer's translation tool): the one who runs it has a shell
    "popen-in-click-command": ("python.os-system",
                               "import os\nimport click\n\n@click.command()\n@click.option('--output', default='m.pot')\n"
                               "def extract(output):\n    os.popen('pybabel extract -o {0} .'.format(output)).read()\n"),
    # a command-line tool's output is for the operator who ran it
    "print-generated-key": ("python.print-secret",
                            "import argparse, secrets\n\nparser = argparse.ArgumentParser()\n\n"
                            "def main():\n    secret_key = secrets.token_hex(32)\n    print(f'SECRET_KEY = {secret_key!r}')\n"),
    # a script with no arguments that makes a key and prints it: the key is its output
    "print-generated-password-script": ("python.print-secret",
                                        "import secrets, string\n\nalphabet = string.ascii_letters + string.digits\n"
                                        "password = ''.join(secrets.choice(alphabet) for _ in range(50))\n"
                                        "print(password)\n"),
    "toctou": ("python.toctou-access-then-use",
               "import os\n\ndef read(path):\n    if os.access(path, os.R_OK):\n        with open(path) as fh:\n"
               "            return fh.read()\n"),
}


@pytest.mark.parametrize("case", sorted(UNKNOWN))
def test_value_of_unknown_origin_is_reported_low(case: str) -> None:
    rule, source = UNKNOWN[case]
    assert _found(source, rule) == [Confidence.LOW]


@pytest.mark.parametrize(("rule", "source"), [
    ("python.pickle-load", "import pickle\n\ndef clone(x):\n    return pickle.loads(pickle.dumps(x, -1))\n"),
    ("python.assert-for-authorization",
     "def add(group, permission):\n    assert isinstance(permission, Permission), 'a Permission'\n"
     "    group.permissions.append(permission)\n"),
    ("python.umask-permissive", "import os\n\ndef current():\n    mask = os.umask(0)\n    os.umask(mask)\n    return mask\n"),
    # the name of the method being logged (a reference, not a value it returns)
    ("python.log-secret",
     "import logging\nlog = logging.getLogger(__name__)\n\nclass Realm:\n    def list_principal_credentials(self, oid):\n"
     "        log.info('{func}(oid={oid})', func=describe(self.list_principal_credentials), oid=oid)\n"),
])
def test_not_a_weakness_is_not_reported(rule: str, source: str) -> None:
    assert _found(source, rule) == []


def test_file_conditions_read_the_file_not_its_rewrite() -> None:
    # `from ruamel.yaml import YAML` is rewritten to `yaml.YAML` for rules that name modules;
    # the rule's whole-file condition (a ruamel YAML() instance named yaml) reads the file as written
    src = ("from ruamel.yaml import YAML\n\n\ndef spec(path):\n    yaml = YAML(typ='safe')\n"
           "    with path.open() as fh:\n        return yaml.load(fh)\n")
    assert _found(src, "python.yaml-load") == []
    plain = "import yaml\n\n\ndef spec(path):\n    with path.open() as fh:\n        return yaml.load(fh)\n"
    assert _found(plain, "python.yaml-load")


def test_sample_code_drops_below_the_thresholds_but_keeps_provider_keys() -> None:
    src = ("import os\nfrom flask import Flask, request\napp = Flask(__name__)\n"
           "OPENAI_API_KEY = 'sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6n" + "'\n\n"  # railguard: ignore[secrets.openai-api-key] test data
           "@app.route('/run')\ndef run():\n    os.system('ping ' + request.args['host'])\n    return 'ok'\n")
    found = {f.rule_id: f for f in _engine().scan_document(Document("examples/ping/app.py", src.encode())).findings}
    assert found["secrets.openai-api-key"].severity >= Severity.HIGH
    injections = [f for f in found.values() if 78 in f.cwe]
    assert injections and all(f.severity == Severity.LOW and "sample-code" in f.tags for f in injections)
    same = {f.rule_id: f for f in _engine().scan_document(Document("app/ping.py", src.encode())).findings}
    assert any(78 in f.cwe and f.severity >= Severity.HIGH for f in same.values())


def test_a_development_setup_keeps_provider_keys_but_not_its_seed_passwords() -> None:
    ldif = ("dn: uid=user001,ou=people,dc=example,dc=org\nuid: user001\nuserPassword: Wq7!rTe9pLz\n\n"
            "dn: uid=user002,ou=people,dc=example,dc=org\nuid: user002\nuserPassword: Wq7!rTe9pLz\n")
    compose = ("services:\n  app:\n    environment:\n"
               "      DATABASE_URL: postgres://app:Wq7rTe9pLzK2@db:5432/app\n"
               "      GITHUB_TOKEN: ghp_" + "aB3dE6hI9kL2nO5qR8tU1wX4zA7cD0fG3iJ6" + "\n")  # railguard: ignore[secrets.github-token] test data

    def scan(path: str, text: str) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for f in _engine().scan_document(Document(path, text.encode())).findings:
            out.setdefault(f.rule_id, []).append(f)
        return out

    dev = scan("deploy/dev/ldap/users.ldif", ldif)
    assert dev["secrets.hardcoded-password"] and all(
        f.severity == Severity.LOW and "dev-setup" in f.tags for f in dev["secrets.hardcoded-password"])
    shipped = scan("deploy/ldap/users.ldif", ldif)
    assert all(f.severity >= Severity.MEDIUM for f in shipped["secrets.hardcoded-password"])
    dev = scan("compose-dev.yml", compose)
    assert all(f.severity == Severity.LOW for f in dev["secrets.postgres-url-password"])
    assert dev["secrets.github-token"][0].severity >= Severity.HIGH  # a provider key leaks from a dev file too
    assert all(f.severity >= Severity.MEDIUM for f in scan("compose.yml", compose)["secrets.postgres-url-password"])


def _random_text(seed: int, n: int) -> str:
    import random
    import string

    rng = random.Random(seed)
    return "".join(rng.choices(string.ascii_letters + string.digits, k=n))


def test_a_ci_pipeline_keeps_keys_and_tokens_but_not_its_throwaway_service_passwords() -> None:
    token = "ghp_" + _random_text(11, 36)
    pem = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(_random_text(s, 64) for s in range(12, 16)) \
        + "\n-----END RSA PRIVATE KEY-----\n"
    workflow = ("jobs:\n  test:\n    services:\n      db:\n        image: postgres\n    env:\n"
                "      TEST_DB: mysql://ci:Wq7rTe9pLzK2@ci_mysql/app_test\n"
                "      DATABASE_URL: postgres://runner:Wq7rTe9pLzK2@localhost-db:5432/app\n"
                "      DB_PASSWORD: Wq7rTe9pLzK2\n"
                f"      GH_TOKEN: {token}\n"
                f"      DEPLOY_SECRET: {_random_text(17, 40)}\n")

    def scan(path: str, text: str) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for f in _engine().scan_document(Document(path, text.encode())).findings:
            out.setdefault(f.rule_id, []).append(f)
        return out

    for path in (".github/workflows/ci.yml", ".gitlab-ci.yml", "Jenkinsfile", "tox.ini"):
        ci = scan(path, workflow)
        for rule in ("secrets.mysql-url-password", "secrets.postgres-url-password", "secrets.hardcoded-password"):
            assert ci[rule] and all(f.severity == Severity.LOW and "ci-pipeline" in f.tags for f in ci[rule]), (path, rule)
        assert ci["secrets.github-token"][0].severity >= Severity.HIGH  # a real token leaks from a pipeline too
        assert ci["secrets.generic-secret"][0].severity >= Severity.MEDIUM  # deploy credentials live there
    keyed = scan("Jenkinsfile", f"pipeline {{\n  environment {{\n    KEY = \"\"\"\n{pem}\"\"\"\n  }}\n}}\n")
    assert keyed["secrets.private-key"][0].severity >= Severity.HIGH
    shipped = scan("deploy/app.yml", workflow)
    assert all(f.severity >= Severity.MEDIUM for f in shipped["secrets.mysql-url-password"])


def test_a_sample_folder_named_on_the_command_line_is_judged_as_code(tmp_path) -> None:
    from railguard.engine.policy import PolicyStage

    stage = PolicyStage(default_config(str(tmp_path)).policy(), tmp_path)
    assert stage.is_sample("examples/app.py") and stage.is_sample("docs/conf.py")
    assert stage.is_sample("pkg/documentation/1.0.0/full_documentation.json")
    assert not stage.is_sample("app/examples.py")
    assert stage.named_samples(["examples", "src", ".", "docs/conf.py"]) == ["examples/", "docs/conf.py"]


OPTED_OUT = {
    "tls-off-by-config": ("python.tls-verify-disabled",
                          "class VerifySSL:\n    def on_task_start(self, task, config):\n"
                          "        if config is False:\n            task.requests.verify = False\n",
                          "import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False)\n"),
    "md5-for-remote-login": ("python.weak-hash-password",
                             "import hashlib\nimport requests\n\ndef create_token(login, password):\n"
                             "    return requests.post(URL, params={'login': login,\n"
                             "        'password': hashlib.md5(password.encode()).hexdigest()})\n",
                             "import hashlib\n\ndef hash_password(password):\n"
                             "    return hashlib.md5(password.encode()).hexdigest()\n"),
    "reads-the-peer-certificate": ("python.ssl-cert-none",
                                   "import socket, ssl\n\ndef fetch_cert(host):\n    ctx = ssl.create_default_context()\n"
                                   "    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\n"
                                   "    with socket.create_connection((host, 443)) as sock:\n"
                                   "        with ctx.wrap_socket(sock, server_hostname=host) as s:\n"
                                   "            return s.getpeercert(binary_form=True)\n",
                                   "import socket, ssl\n\ndef send(host, body):\n    ctx = ssl.create_default_context()\n"
                                   "    ctx.check_hostname = False\n    ctx.verify_mode = ssl.CERT_NONE\n"
                                   "    with socket.create_connection((host, 443)) as sock:\n"
                                   "        with ctx.wrap_socket(sock, server_hostname=host) as s:\n"
                                   "            s.sendall(body)\n"),
    "ftp-with-tls-option": ("python.cleartext-protocol-login",
                            "import ftplib\n\ndef connect(config):\n"
                            "    ftp = ftplib.FTP_TLS() if config['use-ssl'] else ftplib.FTP()\n    return ftp\n",
                            "import ftplib\n\ndef connect(host, user, pw):\n"
                            "    ftp = ftplib.FTP(host)\n    ftp.login(user, pw)\n    return ftp\n"),
}


@pytest.mark.parametrize("case", sorted(OPTED_OUT))
def test_a_choice_of_the_configuration_or_a_peer_is_low(case: str) -> None:
    rule, lowered, kept = OPTED_OUT[case]
    assert _found(lowered, rule) == [Confidence.LOW]
    assert _found(kept, rule) and Confidence.LOW not in _found(kept, rule)


_MASS_ASSIGNMENT = '''from flask import Blueprint, request
api = Blueprint("api", __name__)

@api.route("/users/<uid>", methods=["PUT"])
@{decorator}
def update_user(uid):
    user = User.find_by_id(uid)
    return user.update(**request.json)
'''


@pytest.mark.parametrize(("decorator", "confidence"), [
    ("permission(Scope.admin_users)", Confidence.LOW),  # only administrators reach it
    ("admin_required", Confidence.LOW),
    ("permission(Scope.write_users)", Confidence.MEDIUM),  # any writer: every field is theirs to set
    ("login_required", Confidence.MEDIUM),
])
def test_mass_assignment_on_an_administrators_endpoint_is_low(decorator, confidence):
    assert _found(_MASS_ASSIGNMENT.format(decorator=decorator), "python.mass-assignment") == [confidence]


_OIDC = '''import jwt
from flask import current_app

def claims(token, key):
    if {condition}:
        return jwt.decode(token, key, algorithms=["RS256"])
    else:
        return jwt.decode(token, algorithms=["RS256"], options={{"verify_signature": False}})
'''


@pytest.mark.parametrize(("condition", "confidence"), [
    ("current_app.config['OIDC_VERIFY_TOKEN']", Confidence.LOW),  # the operator chose not to verify
    ("key is not None", Confidence.HIGH),  # no key at hand: the claims are taken unchecked
])
def test_jwt_verification_switched_off_by_a_setting_is_low(condition, confidence):
    assert _found(_OIDC.format(condition=condition), "python.jwt-decode-without-verification") == [confidence]


_LEGACY_HASH = '''import hashlib
{hasher_import}

def check_password(password, stored):
    """{doc}"""
    if len(stored) == 64:
        return hashlib.sha256(password.encode()).hexdigest() == stored
    return verify_with_hasher(password, stored)
'''


@pytest.mark.parametrize(("hasher_import", "doc", "confidence"), [
    # an old scheme still accepted to check (and upgrade) old hashes; new ones use bcrypt
    ("import bcrypt", "Accepts legacy SHA-256 hashes (backwards compatible).", Confidence.LOW),
    ("from passlib.hash import argon2", "Checks an old password hash too.", Confidence.LOW),
    # no password hasher in the module: SHA-256 is the scheme
    ("import os", "Accepts legacy SHA-256 hashes.", Confidence.HIGH),
    # a password hasher around, but nothing says the fast hash is an old scheme
    ("import bcrypt", "Checks the password.", Confidence.HIGH),
])
def test_fast_hash_kept_for_legacy_hashes_next_to_a_password_hasher_is_low(hasher_import, doc, confidence):
    source = _LEGACY_HASH.format(hasher_import=hasher_import, doc=doc)
    assert _found(source, "python.fast-hash-password") == [confidence]


@pytest.mark.parametrize(("call", "confidence"), [
    # an unsigned assertion built for an outgoing header: it forges nothing by itself
    ('jwt.encode({"iss": client_id}, key=None, algorithm="none")', Confidence.LOW),
    # a verifier that accepts unsigned tokens: anyone can forge one
    ('jwt.decode(token, key, algorithms=["HS256", "none"])', Confidence.HIGH),
])
def test_jwt_none_only_confident_when_a_verifier_accepts_it(call, confidence):
    source = f"import jwt\n\ndef f(client_id, token, key):\n    return {call}\n"
    assert _found(source, "python.jwt-none-algorithm") == [confidence]


def test_fast_hash_in_a_function_named_legacy_next_to_a_password_hasher_is_low():
    source = ('import hashlib\nfrom passlib.hash import pbkdf2_sha256\n\n'
              'def create_password_hash(password):\n    return pbkdf2_sha256.hash(password)\n\n'
              'def create_legacy_password_hash(password, salt):\n'
              '    return hashlib.sha512(password.encode() + salt).hexdigest()\n')
    assert _found(source, "python.fast-hash-password") == [Confidence.LOW]


@pytest.mark.parametrize(("middleware", "confidence"), [
    # the project's own multi-domain middleware picks the site by host and rejects unknown ones
    ("'shop.domains.middleware.MultiDomainMiddleware',", Confidence.LOW),
    ("'accounts.middleware.TenantMainMiddleware',", Confidence.LOW),
    # only Django's own middleware: nothing checks the host once ALLOWED_HOSTS lets any through
    ("'django.middleware.common.CommonMiddleware',", Confidence.HIGH),
    ("'shop.middleware.LocaleMiddleware',", Confidence.HIGH),
])
def test_any_host_allowed_next_to_a_host_choosing_middleware_is_low(middleware, confidence):
    source = ("ALLOWED_HOSTS = ['*']\n\nMIDDLEWARE = [\n    'django.middleware.security.SecurityMiddleware',\n"
              f"    {middleware}\n]\n")
    assert _found(source, "python.django-allowed-hosts-wildcard", path="shop/settings.py") == [confidence]


_CHECK_CACHE = ("import hashlib\n\nclass Account:\n    def check(self, password):\n"
                "        digest = hashlib.sha256(password.encode()).hexdigest()\n"
                "        if digest in self._seen:\n            return self._seen[digest]\n"
                "        ok = self.backend.verify(self.name, password)\n"
                "        {last}\n        return ok\n")


@pytest.mark.parametrize(("last", "confidence"), [
    # the digest only keys this object's memory of the checks already made
    ("self._seen[digest] = ok", Confidence.LOW),
    # the digest is what gets stored for the account
    ("self.store.save(self.name, digest)", Confidence.HIGH),
    ("self._seen[digest] == ok", Confidence.HIGH),
])
def test_fast_hash_used_as_a_key_of_a_check_cache_is_low(last, confidence):
    assert _found(_CHECK_CACHE.format(last=last), "python.fast-hash-password") == [confidence]


_EXPORT_DOWNLOAD = ("import os\nfrom django.http import FileResponse\n\n"
                    "def download(request, project):\n    {bind}\n"
                    "    return FileResponse(export_file, as_attachment=True)\n")


@pytest.mark.parametrize(("bind", "confidence"), [
    # the server writes the export; the request picks its format and options
    ("export_file, name = Exporter.generate_export_file(project, request.GET, fmt='csv')", Confidence.LOW),
    # a converter writes the query's result into a file of its own (`tuple[str, BytesIO]`)
    ("name, export_file = project.shell.query_to_file(\n        project.entries,\n"
     "        request.GET.get('q', ''),\n    )", Confidence.LOW),
    # a helper that only maps the request's value to a path keeps the finding
    ("export_file = project.shell.report_path(request.GET.get('name', ''))", Confidence.HIGH),
    # the request names the file sent
    ("export_file = os.path.join(project.export_dir, request.GET['name'])", Confidence.HIGH),
    ("export_dir = create_export_dir(project)\n    export_file = open(os.path.join(export_dir, request.GET['name']), 'rb')",
     Confidence.HIGH),
])
def test_file_response_of_a_generated_export_is_low(bind, confidence):
    assert _found(_EXPORT_DOWNLOAD.format(bind=bind), "python.path-traversal-request")[-1:] == [confidence]


_OWNER_SET = '''from flask import Blueprint, g, request
api = Blueprint("api", __name__)

@api.route("/notes/<nid>", methods=["PUT"])
def update_note(nid):
    note = Note.find_by_id(nid)
    changes = request.json
    {line}
    return note.update(**{unpacked})
'''


@pytest.mark.parametrize(("line", "unpacked", "confidence"), [
    # the handler writes the acting user into the dict it unpacks: the owner is the caller
    ("changes['user'] = g.login", "changes", Confidence.LOW),
    ('changes["author_id"] = current_user.id', "changes", Confidence.LOW),
    # nothing pins the acting user: the client may hand the note to another login
    ("changes['text'] = changes.get('text', '').strip()", "changes", Confidence.MEDIUM),
    ("if changes['user'] == g.login: pass", "changes", Confidence.MEDIUM),
    ('changes["customer"] = assign_customer(changes.get("customer"))', "changes", Confidence.MEDIUM),
    # the user is set on one dict, the request body is unpacked as it came
    ("changes['user'] = g.login", "request.json", Confidence.MEDIUM),
])
def test_mass_assignment_whose_owner_the_handler_sets_is_low(line, unpacked, confidence):
    assert _found(_OWNER_SET.format(line=line, unpacked=unpacked), "python.mass-assignment") == [confidence]


@pytest.mark.parametrize(("guard", "confidence"), [
    # an operator's explicit opt-in to log the generated credentials (mayan's autoadmin)
    ("if settings.log_credentials:", Confidence.LOW),
    ("if setting_log_credentials.value:", Confidence.LOW),
    ("if settings.verbose:", Confidence.MEDIUM),
])
def test_a_logged_password_behind_an_opt_in_to_log_credentials_is_low(guard, confidence):
    source = ("import logging\nlogger = logging.getLogger(__name__)\n\ndef create_admin(settings, password):\n"
              f"    {guard}\n        logger.info('admin created, password: %s', password)\n")
    assert _found(source, "python.log-secret") == [confidence]


@pytest.mark.parametrize(("source", "expected"), [
    # where the request is handled, the assert is the access check: it vanishes under -O
    ("from flask import request\n\n@app.route('/admin/purge', methods=['POST'])\ndef purge():\n"
     "    assert current_user.is_admin, 'admins only'\n    purge_all(request.form['scope'])\n", Confidence.MEDIUM),
    ("def delete_project(request, pk):\n    project = Project.objects.get(pk=pk)\n"
     "    assert request.user.is_staff or project.owner_id == request.user.id\n    project.delete()\n",
     Confidence.MEDIUM),
    ("class PurgeView(View):\n    def post(self, *args, **kwargs):\n"
     "        assert self.user.has_perm('purge')\n        purge_all()\n", Confidence.MEDIUM),
    # a model method or helper that the view calls after its own check: the caller's invariant
    ("def get_or_create_stand_in(self, username):\n    assert self.is_administrator()\n"
     "    return User.objects.get_or_create(username=username)[0]\n", Confidence.LOW),
    ("class Session:\n    def promote(self, sid):\n        assert self.req.is_authenticated, 'anonymous'\n"
     "        self.sid = sid\n", Confidence.LOW),
])
def test_an_assert_is_the_access_check_where_the_request_is_handled(source: str, expected: Confidence) -> None:
    assert _found(source, "python.assert-for-authorization") == [expected]


_SERIALISED = ("from pydantic import BaseModel\n\n\nclass {name}(BaseModel):\n    id: int\n    host: str\n"
               "    password: str | None\n")
_TO_DICT = ("class {name}:\n    def to_dict(self):\n        return {{{fields}, \"password\": self.password}}\n")


@pytest.mark.parametrize(("source", "confidence"), [
    # a connection's password is a credential of the service it reaches, kept to be used
    (_SERIALISED.format(name="ConnectionResponse"), Confidence.LOW),
    (_TO_DICT.format(name="Connection", fields='"conn_id": self.conn_id, "host": self.host'), Confidence.LOW),
    # a person's record keeps the finding
    (_SERIALISED.format(name="UserResponse"), Confidence.MEDIUM),
    (_TO_DICT.format(name="Member", fields='"id": self.id, "email": self.email'), Confidence.MEDIUM),
])
def test_a_plain_password_field_counts_in_a_record_of_a_person(source, confidence):
    assert _found(source, "python.password-hash-serialised") == [confidence]


def test_a_response_model_that_redacts_the_password_sends_no_password():
    model = _SERIALISED.format(name="UserResponse")
    redacted = model + ("\n    @field_validator(\"password\", mode=\"after\")\n    @classmethod\n"
                        "    def redact_password(cls, v):\n        if v is None:\n            return None\n"
                        "        return str(redact(v, \"password\"))\n")
    assert _found(redacted, "python.password-hash-serialised") == []
    # a validator that only checks the length sends it as it is
    checked = model + ("\n    @field_validator(\"password\")\n    @classmethod\n    def long_enough(cls, v):\n"
                       "        assert len(v) > 8\n        return v\n")
    assert _found(checked, "python.password-hash-serialised") == [Confidence.MEDIUM]


_JSON_REFLECTION = ("from flask import Flask, Response, request\n\napp = Flask(__name__)\n\n\n"
                    "@app.route('/folders', methods=['POST'])\ndef create_folder():\n"
                    "    name = {read}\n    return Response(f'created {{name}}', status=200)\n")


@pytest.mark.parametrize(("read", "confidence"), [
    ("request.json.get('path')", Confidence.LOW),  # Flask refuses a body not sent as JSON
    ("request.get_json()['path']", Confidence.LOW),
    ("request.get_json(force=True)['path']", Confidence.HIGH),  # any content type: a form can send it
    ("request.get_json(True)['path']", Confidence.HIGH),
    ("request.get_json(force=False, silent=True)['path']", Confidence.LOW),
    ("request.form.get('path')", Confidence.HIGH),
    ("request.args.get('path')", Confidence.HIGH),
])
def test_a_json_body_reflected_into_a_page_is_the_senders_own(read, confidence):
    # a page of another site cannot send a JSON body without a CORS preflight the app would have to allow
    assert _found(_JSON_REFLECTION.format(read=read), "taint.python.xss") == [confidence]


@pytest.mark.parametrize(("header", "confidence"), [
    ('"""Page templates of the shop."""\n', Confidence.MEDIUM),
    ('"""Prompt templates for the language model (.xml.j2): escaping would corrupt the XML scaffolding."""\n',
     Confidence.LOW),
    ('"""The startup banner printed to stdout."""\n', Confidence.LOW),
    ('"""Renders sdk.py.jinja: we generate Python code, not HTML."""\n', Confidence.LOW),
])
def test_jinja2_without_autoescape_counts_where_it_renders_html(header, confidence):
    source = header + ("from jinja2 import Environment, FileSystemLoader\n\n"
                       "env = Environment(loader=FileSystemLoader('templates'), autoescape=False)\n")
    assert _found(source, "python.jinja2-autoescape-false", "app/render.py") == [confidence]


@pytest.mark.parametrize(("call", "confidence"), [
    ("httpx.head(url, timeout=3, verify=False)", Confidence.LOW),  # a liveness probe: only a status comes back
    ("requests.options(url, verify=False)", Confidence.LOW),
    ("httpx.head(url, headers={'Authorization': token}, verify=False)", Confidence.HIGH),  # sends a credential
    ("httpx.get(url, timeout=3, verify=False)", Confidence.HIGH),
])
def test_tls_verification_off_on_a_bare_probe_is_low(call, confidence):
    source = f"import httpx\nimport requests\n\ndef url_ok(url, token=None):\n    r = {call}\n    return r.status_code == 200\n"
    assert _found(source, "python.tls-verify-disabled", "app/net.py") == [confidence]


_HEADER_REDIRECT = ("import fastapi\nfrom fastapi import FastAPI\nfrom fastapi.responses import RedirectResponse\n\n"
                    "app = FastAPI()\n\n\n"
                    "def first_header(request: fastapi.Request, name: str):\n"
                    "    value = request.headers.get(name)\n"
                    "    return value.split(',')[0].strip() if value else None\n\n\n"
                    "@app.get('/logout')\ndef logout(request: fastapi.Request, next: str = ''):\n"
                    "    root = {target}\n    return RedirectResponse(url=root)\n")


@pytest.mark.parametrize(("target", "confidence"), [
    ("'http://' + first_header(request, 'x-gradio-server')", Confidence.LOW),  # a header a link cannot set
    ("request.headers.get('x-app-root', '/')", Confidence.LOW),
    ("next", Confidence.HIGH),  # the query string a link carries
])
def test_a_redirect_built_from_a_request_header_is_low(target, confidence):
    found = _found(_HEADER_REDIRECT.format(target=target), "taint.python.open-redirect", "app/auth.py")
    assert found == [confidence]


SHELL_RULES = '''import os
import shutil


class PortWatch:
    def __init__(self, config):
        self.rate = {rate}

    def install(self, who):
        tool = shutil.which("iptables-legacy", path=SEARCH_PATH)
        if not tool:
            tool = shutil.which("iptables", path=SEARCH_PATH)
        os.system('{{0}} -A INPUT -j LOG --limit="{{1}}/hour" {{2}}'.format(tool, self.rate, {extra}))
'''


@pytest.mark.parametrize("rate, extra, reported", [
    # the executable a constant name resolves to and an attribute every assignment makes a number
    ("int(config.get('rate', 5))", "'--log-prefix=watch'", False),
    # the same attribute kept as the configured text: any shell syntax in it runs
    ("config.get('rate', '5')", "'--log-prefix=watch'", True),
    # a number first, then extended with configured text: its value is not read
    ("int(config.get('rate', 5))\n        self.rate += config.get('suffix')", "'--log-prefix=watch'", True),
    ("int(config.get('rate', 5))\n        self.rate, self.mode = config.get('pair')", "'--log-prefix=watch'", True),
    # a constant template filled with a caller's value
    ("int(config.get('rate', 5))", "who", True),
])
def test_a_shell_command_of_the_programs_own_values_is_constant(rate, extra, reported):
    source = SHELL_RULES.format(rate=rate, extra=extra)
    assert bool(_found(source, "python.os-system", "watch/rules.py")) is reported


@pytest.mark.parametrize("load, confidence", [
    # what the program dumped into its own storage
    ("joblib.load(os.path.join(variable_dir, 'object.joblib'))", Confidence.LOW),
    # a model someone uploaded
    ("joblib.load(os.path.join(UPLOAD_DIR, repo))", Confidence.MEDIUM),
    ("joblib.load(request.files['model'])", Confidence.MEDIUM),
])
def test_joblib_load_is_confident_only_for_a_file_from_outside(load, confidence):
    source = f"import os\nimport joblib\n\n\ndef restore(variable_dir, repo, request):\n    return {load}\n"
    assert _found(source, "python.joblib-load", "pipeline/outputs.py") == [confidence]


def test_torch_load_without_weights_only_is_low_and_an_explicit_opt_out_is_high():
    source = ("import torch\n\n\ndef restore(path):\n    a = torch.load(path, map_location='cpu')\n"
              "    b = torch.load(path, weights_only=False)\n    return a, b\n")
    assert _found(source, "python.torch-load", "models/restore.py") == [Confidence.LOW]
    assert _found(source, "python.torch-load-weights-only-false", "models/restore.py") == [Confidence.HIGH]


@pytest.mark.parametrize("call, confidence", [
    # a fixed setup step: root, but for nothing the program did not write itself
    ("os.system('sudo {0} -A INPUT -j LOG'.format(shutil.which('iptables')))", Confidence.LOW),
    ("subprocess.run(['sudo', 'systemctl', 'restart', 'nginx'], check=True)", Confidence.LOW),
    # a command built from a value of unknown origin runs it as root
    ("subprocess.run(f'sudo pip install {package}', shell=True, check=True)", Confidence.MEDIUM),
    ("subprocess.run(['sudo', 'kill', '-9', str(pid)], check=True)", Confidence.MEDIUM),
])
def test_sudo_with_a_constant_command_is_low(call, confidence):
    source = f"import os\nimport shutil\nimport subprocess\n\n\ndef setup(package, pid):\n    {call}\n"
    assert _found(source, "python.sudo-in-command", "agent/setup_host.py") == [confidence]


@pytest.mark.parametrize(("source", "confidence"), [
    # a usage-statistics session: no web session or cookie in the module
    ("import uuid\n\n\ndef session_id():\n    return uuid.uuid1().hex\n", [Confidence.LOW]),
    # a login's session id, set as a cookie
    ("import uuid\nfrom flask import make_response\n\n\ndef login():\n    session_id = uuid.uuid1().hex\n"
     "    resp = make_response('ok')\n    resp.set_cookie('sid', session_id)\n    return resp\n", [Confidence.MEDIUM]),
    # a credential by its name keeps its confidence anywhere
    ("import uuid\n\n\ndef api_key():\n    return uuid.uuid1().hex\n", [Confidence.MEDIUM]),
])
def test_a_uuid1_named_only_for_a_session_is_low_outside_web_code(source, confidence):
    assert _found(source, "python.predictable-token", path="pkg/configuration.py") == confidence


_CODEC = """import pickle


class NdarrayContainer:
    @classmethod
    def to_payload(cls, batch):
        return Payload(pickle.dumps(batch), {"format": "default"})

    @classmethod
    def from_payload(cls, payload):
        return pickle.loads(DATA)
"""


@pytest.mark.parametrize(("data", "confidence"), [
    # a codec class turns its own encoding back: its callers decide where the bytes come from
    ("payload.data", [Confidence.LOW]),
    # ... unless a socket or the request is visibly the source
    ("self.sock.recv(4096)", [Confidence.MEDIUM]),
])
def test_pickle_in_a_codec_class_that_also_pickles_is_low(data, confidence):
    assert _found(_CODEC.replace("DATA", data), "python.pickle-load", path="pkg/container.py") == confidence


def test_pickle_of_a_payload_outside_a_codec_class_keeps_its_confidence():
    source = "import pickle\n\n\ndef handle(payload):\n    return pickle.loads(payload.data)\n"
    assert _found(source, "python.pickle-load", path="pkg/worker.py") == [Confidence.MEDIUM]
    # a class that only unpickles is no codec
    source = "import pickle\n\n\nclass Worker:\n    def handle(self, payload):\n        return pickle.loads(payload.data)\n"
    assert _found(source, "python.pickle-load", path="pkg/worker.py") == [Confidence.MEDIUM]


_BUILD_DIR = """const fs = require("fs");
const path = require("path");
app.get("/build/result", (req, res) => {
  const buildDir = path.join(ROOT, "mobile_app", req.query.out_dir_name);
  CHECK
  res.json(fs.readdirSync(buildDir));
});
"""


@pytest.mark.parametrize(("check", "confidence"), [
    # a folder refused by a validator named for one: the check is there, its strength out of sight
    ("if (!validateBuildDir(buildDir, ROOT)) return res.sendStatus(400);", [Confidence.LOW]),
    ("if (!buildDir) return res.sendStatus(400);", [Confidence.MEDIUM]),
])
def test_a_javascript_path_refused_by_a_folder_validator_is_low(check, confidence):
    assert _found(_BUILD_DIR.replace("CHECK", check), "javascript.path-traversal", path="routes/admin.js") == confidence


def test_a_hash_of_the_time_named_for_a_session_keeps_its_confidence():
    source = ("import hashlib, time\n\n\ndef session_id(user_id):\n"
              "    return hashlib.sha256(f'{user_id}{time.time()}'.encode()).hexdigest()\n")
    assert _found(source, "python.predictable-token", path="pkg/sessions.py") == [Confidence.MEDIUM]


@pytest.mark.parametrize(("lookup", "confidence"), [
    # a lookup used at once is no MongoDB query (those are awaited, chained, returned or called back)
    ("const table = Table.findOne({ name: req.query.table });\n  if (table) res.json(table.id);",
     [Confidence.LOW]),
    ("const user = await User.findOne({ email: req.body.email });\n  res.json(user);", [Confidence.MEDIUM]),
    ("User.findOne({ email: req.body.email }).exec((err, user) => res.json(user));", [Confidence.MEDIUM]),
    ("return User.findOne({ email: req.body.email });", [Confidence.MEDIUM]),
])
def test_a_javascript_filter_lookup_used_at_once_is_no_mongodb_query(lookup, confidence):
    source = "const express = require('express');\nconst app = express();\n\napp.get('/x', (req, res) => {\n  " \
             + lookup + "\n});\n"
    assert _found(source, "javascript.nosql-operator-injection", path="routes/x.js") == confidence


_YAML_SCRIPT = """import sys
import yaml
IMPORTS
CONFIG = '/etc/tool/config.yml'


def main():
    host = sys.argv[1]
    with open(CONFIG) as f:
        config = yaml.load(f.read(), Loader=yaml.Loader)
    print(host, config)
"""


@pytest.mark.parametrize(("imports", "path", "confidence"), [
    # a command-line script loading its operator's own configuration file: low
    ("", "bin/tool-ssl-gen", [Confidence.LOW]),
    # the same load in a module that also serves web requests keeps its confidence
    ("from flask import request\n\n@app.route('/cfg')\ndef cfg():\n    return request.args['x']\n",
     "app/views.py", [Confidence.HIGH]),
])
def test_a_command_line_script_loading_its_own_yaml_config_is_low(imports, path, confidence):
    source = _YAML_SCRIPT.replace("IMPORTS", imports)
    assert _found(source, "python.yaml-load", path=path + ("" if path.endswith(".py") else ".py")) == confidence


def test_a_command_line_script_loading_downloaded_yaml_keeps_its_confidence():
    source = ("import sys\nimport requests\nimport yaml\n\n\ndef main():\n"
              "    return yaml.load(requests.get(sys.argv[1]).content, Loader=yaml.Loader)\n")
    assert _found(source, "python.yaml-load", path="bin/fetch.py") == [Confidence.HIGH]


_POSTED_REDIRECT = """from django.http import HttpResponseRedirect
EXEMPT

def handle_command(request, command):
    path = SOURCE or "/"
    if command == "edit_on":
        return HttpResponseRedirect(path)
"""


@pytest.mark.parametrize(("source", "exempt", "confidence"), [
    # Django's POST body (CSRF-checked) or the page the user came from: low
    ("request.POST.get('path') or request.META.get('HTTP_REFERER')", "", [Confidence.LOW]),
    # the same in a module that exempts its views from the CSRF check, or from the query string
    ("request.POST.get('path')", "from django.views.decorators.csrf import csrf_exempt\n", [Confidence.MEDIUM]),
    ("request.GET.get('path') or request.META.get('HTTP_REFERER')", "", [Confidence.MEDIUM]),
    ("request.form.get('path')", "", [Confidence.MEDIUM]),
])
def test_a_redirect_to_a_csrf_checked_post_value_or_the_referer_is_low(source, exempt, confidence):
    code = _POSTED_REDIRECT.replace("EXEMPT", exempt).replace("SOURCE", source)
    assert _query_found(code, "python.open-redirect", "shop/views/command.py") == confidence


_QUERY_ENGINE: list[Engine] = []


def _query_found(source: str, rule: str, path: str) -> list[Confidence]:
    """The query rules alone (where the taint analyzer proves a flow, its own finding replaces theirs)."""
    if not _QUERY_ENGINE:
        config = default_config()
        config.values.setdefault("", {})["analyzers"] = ["query"]
        _QUERY_ENGINE.append(Engine(config))
    result = _QUERY_ENGINE[0].scan_document(Document(path, source.encode()))
    return [f.confidence for f in result.findings if f.rule_id == rule]


@pytest.mark.parametrize(("lookup", "confidence"), [
    # a record looked up by keyword: the URL is the record's, not the request's
    ("ticket = huser.visible_tickets().get(**filter_)\n    target = ticket.staff_url", []),
    ("ticket = Ticket.query.get(id=filter_['id'])\n    target = ticket.staff_url", []),
    # a value looked up in the request's own mapping is the request's
    ("target = filter_.get('id')", [Confidence.MEDIUM]),
])
def test_the_url_of_a_record_looked_up_by_keyword_is_no_open_redirect(lookup, confidence):
    code = ("from django.http import HttpResponseRedirect\n\n\ndef find(request, huser):\n"
            "    filter_ = {'id': request.GET.get('q')}\n    " + lookup + "\n"
            "    return HttpResponseRedirect(target)\n")
    assert _query_found(code, "python.open-redirect", "desk/views/staff.py") == confidence


_ITERATED_HASH = '''import hashlib

def sha_crypt(password, salt, rounds=5000):
    first = hashlib.sha512(password + salt + password).digest()
    digest = first
    {loop}
        digest = hashlib.sha512(digest + salt).digest()
    return digest
'''


@pytest.mark.parametrize(("loop", "confidence"), [
    # one step of a scheme that hashes again over its rounds (SHA-crypt, MD5-crypt): no single hash
    ("for round_num in range(rounds):", Confidence.LOW),
    ("while self_iterations > 0:", Confidence.LOW),
    # a fixed handful of steps: still a fast hash of the password
    ("for part in (1, 2):", Confidence.HIGH),
])
def test_a_hash_step_of_a_scheme_iterated_over_rounds_is_low(loop, confidence):
    assert _found(_ITERATED_HASH.format(loop=loop), "python.fast-hash-password") == [confidence]


_PREVIEW = '''from django.http import HttpResponse

class PageAdmin:
    def {name}(self, request):
        kwargs = {{key: value for key, value in request.POST.items()}}
        instance = self.model(**kwargs)
        instance.full_clean()
        {last}
        return instance
'''


@pytest.mark.parametrize(("name", "last", "confidence"), [
    # an instance built to render a preview and saved nowhere: the client's fields are only shown
    ("get_preview_instance", "instance.rendered = instance.render()", Confidence.LOW),
    ("preview", "pass", Confidence.LOW),
    # the preview function stores it after all
    ("get_preview_instance", "instance.save()", Confidence.MEDIUM),
    ("get_preview_instance", "db.session.add(instance)", Confidence.MEDIUM),
    # nothing says it is a preview: the caller may store it
    ("get_instance", "pass", Confidence.MEDIUM),
])
def test_mass_assignment_of_an_unsaved_preview_instance_is_low(name, last, confidence):
    assert _found(_PREVIEW.format(name=name, last=last), "python.mass-assignment") == [confidence]


@pytest.mark.parametrize(("target", "confidence"), [
    # a helper of the project named for Flask's URL builder: a path of the app's own endpoint
    ("url_for_item(form['target'])", []),
    ("links.url_for_page(form['target'], rev=request.args.get('rev'))", []),
    # the request's value itself, or a helper that builds an outside URL
    ("form['target']", [Confidence.MEDIUM]),
    ("url_for_external_item(form['target'])", [Confidence.MEDIUM]),
])
def test_a_redirect_built_by_a_url_for_helper_is_no_open_redirect(target, confidence):
    code = ("from flask import redirect, request\nfrom .interwiki import url_for_item\n\n\n"
            "def create_item():\n    form = request.form\n    return redirect(" + target + ")\n")
    assert _query_found(code, "python.open-redirect", "wiki/views.py") == confidence


def test_a_command_class_showing_its_generated_password_once_is_low() -> None:
    # Flask-Script style: `class Register(Command)` with an `option_list`, run by manage.py
    rule = "python.print-secret"
    command = ("import bcrypt\nfrom flask_script import Command, Option\nfrom app.utils import gen_password\n\n"
               "class RegisterClient(Command):\n    option_list = [Option('--password', '-p')]\n\n"
               "    def run(self, name, password=None):\n        password = password or gen_password()\n"
               "        save(name, bcrypt.hashpw(password.encode(), bcrypt.gensalt()))\n"
               "        print('client {} registered with password {}'.format(name, password))\n")
    service = command.replace("from flask_script import Command, Option\n", "").replace(
        "class RegisterClient(Command):\n    option_list = [Option('--password', '-p')]\n",
        "class RegisterClient(Service):\n")
    assert _found(command, rule, "app/auth/clients.py") == [Confidence.LOW]
    assert _found(service, rule, "app/auth/clients.py") == [Confidence.MEDIUM]


def test_yaml_of_a_logging_configuration_handed_to_dict_config_is_low() -> None:
    rule = "python.yaml-load"
    config = ("import logging.config\nimport yaml\n\ndef configure_logging(file_path):\n"
              "    with open(file_path) as f:\n        logging_dict = yaml.load(f)\n"
              "    logging.config.dictConfig(logging_dict)\n")
    other = config.replace("logging.config.dictConfig(logging_dict)", "return logging_dict")
    assert _found(config, rule, "app/logs.py") == [Confidence.LOW]
    assert _found(other, rule, "app/logs.py") == [Confidence.HIGH]
