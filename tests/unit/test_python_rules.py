"""The Python pack's metadata: size, CWE spread and complete docs for every rule."""

import re

import pytest

from railguard.rules.loader import load_rules

RULES = [r for r in load_rules().rules if r.id.startswith("python.") and r.source.replace("\\", "/").count("/python/")]


def test_pack_size_and_cwe_spread():
    assert len(RULES) >= 60
    assert len({c for r in RULES for c in r.cwe}) >= 30


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_metadata_is_complete(rule):
    assert re.fullmatch(r"python\.[a-z0-9]+(-[a-z0-9]+)*", rule.id)
    assert rule.title and rule.title != rule.id
    assert rule.cwe and rule.owasp and rule.tags
    docs = rule.docs
    assert docs.what and docs.why and docs.example and docs.instead
    for cwe in rule.cwe:
        assert f"https://cwe.mitre.org/data/definitions/{cwe}.html" in docs.references


def test_request_tier_rules_are_high_confidence_and_deferrable():
    request_rules = [r for r in RULES if r.id.endswith("-request")]
    assert len(request_rules) >= 8
    for r in request_rules:
        assert r.confidence.label == "high", r.id
        assert "taint-deferrable" in r.tags, r.id


def _levels(path: str, code: str) -> dict[str, str]:
    """The confidence of each rule's finding when the code is scanned as the file at `path`."""
    from railguard.config import default_config
    from railguard.engine.document import Document
    from railguard.engine.engine import Engine

    config = default_config(".")
    config.values.setdefault("", {})["cache"] = False
    found = Engine(config).scan_document(Document(path, code.encode())).findings
    return {f.rule_id: f.confidence.label for f in found}


def _rule_ids(path: str, code: str) -> set[str]:
    return set(_levels(path, code))


@pytest.mark.parametrize("path, rule, reported", [
    ("app/cache.py", "python.pickle-load", True),
    ("tests/unit/test_cache.py", "python.pickle-load", False),
    ("shop/settings.py", "python.django-debug-true", True),
    ("shop/testutils/settings.py", "python.django-debug-true", False),
])
def test_rules_skip_test_code_where_the_risk_needs_deployed_code(path, rule, reported):
    code = ("import pickle\n\ndef restore(blob):\n    return pickle.loads(blob)\n"
            if rule == "python.pickle-load" else "DEBUG = True\nALLOWED_HOSTS = ['shop.example']\n")
    assert (rule in _rule_ids(path, code)) is reported


@pytest.mark.parametrize("tail, level", [
    ("", "high"),
    ("try:\n    from settings_local import *  # noqa\nexcept ImportError:\n    sys.exit('no settings_local.py')\n", "low"),
    ("from .local_settings import *\n", "low"),
    ("from .defaults import *\n", "high"),          # a star import of other defaults decides nothing
])
def test_debug_and_any_host_defaults_overridden_by_local_settings_are_low(tail, level):
    code = "import sys\nDEBUG = True\nALLOWED_HOSTS = ['*']\n" + tail
    levels = _levels("site/settings.py", code)
    assert levels["python.django-debug-true"] == level
    assert levels["python.django-allowed-hosts-wildcard"] == level


@pytest.mark.parametrize("table, level", [("users", "medium"), ("app_accounts", "medium"), ("packages", "low")])
def test_plaintext_password_column_counts_on_account_tables(table, level):
    code = ("def save(conn, name, password):\n"
            f"    conn.execute('UPDATE {table} SET password=? WHERE name=?', (password, name))\n")
    assert _levels("app/db.py", code)["python.plaintext-password-stored"] == level


@pytest.mark.parametrize("api_line, level", [
    ("", "high"),
    ("    API_URL = 'https://api.example-hoster.com/v1/'\n", "low"),   # the service's login scheme
    ("    API_URL = API_BASE + '/v1/'\n", "high"),                     # no service named in this file
])
def test_password_hash_for_a_services_api_is_low(api_line, level):
    code = ("import hashlib\n\n\nclass HosterAccount:\n" + api_line +
            "\n    def signin(self, user, password, data):\n"
            "        data['md5Pass'] = hashlib.md5(password.encode()).hexdigest()\n"
            "        data['token'] = hashlib.sha256(password.encode()).hexdigest()\n")
    levels = _levels("plugins/accounts/hoster.py", code)
    assert levels["python.weak-hash-password"] == level
    assert levels["python.fast-hash-password"] == level


@pytest.mark.parametrize("api_line, level", [("", "high"), ("API_URL = 'https://eu.api.files.example/cs'\n", "low")])
def test_cipher_mode_fixed_by_a_services_format_is_low(api_line, level):
    code = ("from Crypto.Cipher import AES\n" + api_line +
            "\n\ndef unwrap(key, blob):\n    return AES.new(key, AES.MODE_ECB).decrypt(blob)\n"
            "\n\ndef attrs(key, blob):\n    return AES.new(key, AES.MODE_CBC, b'\\0' * 16).decrypt(blob)\n")
    levels = _levels("plugins/downloaders/files.py", code)
    assert levels["python.ecb-mode"] == level
    assert levels["python.static-iv"] == level


@pytest.mark.parametrize("guard, level", [("if use_agent:", "high"), ("if getattr(settings, 'RUNNING_TEST', False):", "low")])
def test_host_key_policy_while_tests_run_is_low(guard, level):
    code = ("import paramiko\nfrom django.conf import settings\n\n\ndef connect(client, use_agent):\n"
            f"    {guard}\n        client.set_missing_host_key_policy(paramiko.WarningPolicy())\n")
    assert _levels("app/ssh/utils.py", code)["python.paramiko-auto-add-policy"] == level


@pytest.mark.parametrize("cls, level", [("User", "medium"), ("MemberAccount", "medium"), ("Template", "low")])
def test_plaintext_password_model_counts_on_account_models(cls, level):
    code = ("from sqlalchemy import Column, String\nfrom app.db import Base\n\n\n"
            f"class {cls}(Base):\n    password = Column(String)\n\n"
            "    def reset(self, uri, username, password):\n        self.uri = uri\n        self.password = password\n")
    assert _levels("app/model/things.py", code)["python.plaintext-password-model"] == level


def test_a_password_salt_from_random_is_low_and_a_token_is_not():
    salted = ("import random\n\n\ndef passwd(passphrase, salt_len=12):\n"
              "    salt = ('%0' + str(salt_len) + 'x') % random.getrandbits(4 * salt_len)\n"
              "    return salt + passphrase\n")
    token = "import random\n\n\ndef reset_link():\n    reset_token = '%x' % random.getrandbits(128)\n    return reset_token\n"
    assert _levels("auth/security.py", salted).get("python.random-for-secret") == "low"
    assert _levels("auth/security.py", token).get("python.random-for-secret") in ("medium", "high")


@pytest.mark.parametrize("name, level", [
    ('f"{uuid.uuid4()}{os.path.splitext(upload.filename)[1]}"', "low"),    # the server's name, the client's extension
    ('f"{secrets.token_hex(8)}{Path(upload.filename).suffix}"', "low"),
    ('os.path.splitext(upload.filename)[0] + ".bin"', "medium"),           # the client's name, the server's extension
    ('f"{uuid.uuid4()}_{upload.filename}"', "medium"),                      # the client's whole name after a UUID
])
def test_an_upload_keeping_only_the_client_extension_is_low(name, level):
    code = ("import os\nimport secrets\nimport uuid\nfrom pathlib import Path\nfrom flask import request\n\n\n"
            "def store():\n    upload = request.files['file']\n"
            f"    upload.save(os.path.join('/srv/inbox', {name}))\n")
    assert _levels("app/views.py", code)["python.upload-client-filename"] == level


@pytest.mark.parametrize("code, level", [
    ("def _child_env():\n    return {**os.environ, 'MODE': 'worker'}\n", "low"),           # handed to a child process
    ("@app.get('/debug/env')\ndef debug_env():\n    return dict(os.environ)\n", "medium"),  # a route
    ("def debug_view(request):\n    return {'env': dict(os.environ)}\n", "medium"),         # a Django view
])
def test_environment_returned_outside_a_handler_is_low(code, level):
    head = "import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
    assert _levels("app/views.py", head + code)["python.environment-to-client"] == level


@pytest.mark.parametrize("guard, level", [
    ("if auth_settings.TRUSTED_JWT_DECODE:", "low"),     # an operator's setting picks the branch
    ("if self.config.trust_proxy_tokens:", "low"),
    ("if token.startswith('ey'):", "high"),              # not a setting
])
def test_unverified_jwt_in_a_branch_an_operator_setting_chooses_is_low(guard, level):
    code = ("import jwt\n\n\ndef claims_of(self, token, auth_settings):\n"
            f"    {guard}\n        return jwt.decode(token, options={{'verify_signature': False}})\n"
            "    return None\n")
    assert _levels("app/auth.py", code)["python.jwt-decode-without-verification"] == level


@pytest.mark.parametrize("body, level", [
    ("def run_quota(cmd, user):\n    return subprocess.run(cmd, shell=True, env={'USER': user.name})\n", "low"),
    ("def run_quota(user):\n    return subprocess.run(CONFIG.quota_cmd, shell=True, env={'USER': user.name})\n", "low"),
    # a command handed over without the data beside it: its caller may have rendered data into it
    ("def execute_cmd(self, cmd):\n    return subprocess.Popen(cmd, shell=True)\n", "medium"),
    ("def run_quota(user):\n    return subprocess.run(f'setquota {user.name}', shell=True)\n", "medium"),
    ("def run_quota():\n    cmd = request.args['cmd']\n    return subprocess.run(cmd, shell=True)\n", "medium"),
])
def test_a_whole_command_handed_over_to_the_shell_is_low(body, level):
    code = "import subprocess\nfrom flask import request\n\n\n" + body
    levels = _levels("app/quota.py", code)
    # a command from the request is the taint analysis' finding (it replaces the syntactic one)
    assert levels.get("python.subprocess-shell-true", levels.get("taint.python.command-injection")) in (
        ("low",) if level == "low" else ("medium", "high"))



@pytest.mark.parametrize("issuer, level", [
    ("    cert.set_issuer(cert.get_subject())\n", "low"),     # self-signed: nobody checks the signature
    ("    cert.set_issuer(ca_cert.get_subject())\n", "medium"),
])
def test_sha1_on_a_self_signed_certificate_is_low(issuer, level):
    code = ("from OpenSSL import crypto\n\n\ndef make_cert(k, ca_cert):\n    cert = crypto.X509()\n" + issuer
            + "    cert.set_pubkey(k)\n    cert.sign(k, 'sha1')\n    return cert\n")
    assert _levels("app/certs.py", code)["python.weak-hash-signature"] == level


@pytest.mark.parametrize("name, level", [("jwt_token_life_remaining", "low"), ("user_of", "high")])
def test_unverified_jwt_read_for_its_expiry_is_low(name, level):
    code = (f"import jwt\n\n\ndef {name}(token, secret):\n"
            "    payload = jwt.decode(token, secret, algorithms=['HS256'], options={'verify_signature': False})\n"
            "    return payload['exp']\n")
    assert _levels("app/tokens.py", code)["python.jwt-decode-without-verification"] == level


def test_tar_extraction_after_a_member_check_keeps_its_confidence():
    # such checks compare strings and validate one link at a time: a chain of links gets through
    code = ("import os\nimport tarfile\n\n\ndef safe_extract(tar, path):\n"
            "    for member in tar.getmembers():\n"
            "        if not within(path, os.path.join(path, member.name)):\n"
            "            raise Exception('path traversal')\n"
            "    tar.extractall(path)\n")
    assert _levels("app/unpack.py", code)["python.tarfile-extractall"] == "medium"


@pytest.mark.parametrize("serve, level", [
    ("server = pywsgi.WSGIServer(('', 8089), app)\nserver.serve_forever()\n", "low"),
    ("waitress.serve(app, port=8089)\n", "low"),
    ("resource = WSGIResource(reactor, reactor.getThreadPool(), app)\n", "low"),
    ("app.run(port=8089)\n", "high"),              # Werkzeug's own server brings the debugger
    ("", "high"),                                  # served by who knows what: keep it
])
def test_debug_flag_on_an_app_another_wsgi_server_serves_is_low(serve, level):
    code = ("from flask import Flask\nfrom gevent import pywsgi\nimport waitress\n\napp = Flask(__name__)\n"
            "app.debug = True\n\n" + serve)
    assert _levels("tool/web.py", code)["python.flask-debug-true"] == level


@pytest.mark.parametrize("cmd, level", [
    ('["less", "-F", "-R"]', "low"),              # broken, but only literals reach the shell
    ('["git", "log", ref]', "high"),
    ('[f"git log {ref}"]', "high"),
])
def test_shell_with_a_list_of_literals_only_is_low(cmd, level):
    code = f"import subprocess\n\n\ndef page(ref):\n    subprocess.Popen({cmd}, shell=True)\n"
    assert _levels("app/pager.py", code)["python.subprocess-shell-list"] == level


@pytest.mark.parametrize("guard, level", [
    ("if config[CONF_MQTT].get(CONF_SKIP_CERT_CN_CHECK):", "low"),   # the user's documented opt-out
    ("if broker.port == 8883:", "medium"),
])
def test_host_name_check_off_behind_a_skip_option_is_low(guard, level):
    code = ("import ssl\n\n\ndef context(config, broker):\n    ctx = ssl.create_default_context()\n"
            f"    {guard}\n        ctx.check_hostname = False\n    return ctx\n")
    assert _levels("app/mqtt.py", code)["python.ssl-check-hostname-false"] == level


def test_two_patterns_of_one_rule_on_one_construct_give_one_finding():
    from railguard.config import default_config
    from railguard.engine.document import Document
    from railguard.engine.engine import Engine

    # the handler reads the request, so the rule's request-reading pattern matches the same return
    code = ("import traceback\nfrom starlette.responses import JSONResponse\n\n\nasync def handler(request):\n"
            "    try:\n        body = await request.body()\n        return await run(body)\n    except Exception:\n"
            "        return JSONResponse({'kind': 'Server Error', 'stack': traceback.format_exc()}, status_code=500)\n")
    config = default_config(".")
    config.values.setdefault("", {})["cache"] = False
    found = Engine(config).scan_document(Document("app/routes.py", code.encode())).findings
    assert [f.line for f in found if f.rule_id == "python.traceback-to-client"] == [10]


@pytest.mark.parametrize("use, level", [
    ("    yaml.dump({'default': SETTINGS}, f)\n", "low"),     # it only writes the app's own settings
    ("    return yaml.load(f)\n", "high"),
])
def test_an_unsafe_ruamel_instance_only_dumped_with_is_low(use, level):
    code = ("from ruamel.yaml import YAML\n\nyaml = YAML(typ='unsafe', pure=True)\nSETTINGS = {}\n\n\n"
            "def save(f):\n" + use)
    assert _levels("app/settings.py", code)["python.ruamel-yaml-unsafe"] == level


@pytest.mark.parametrize("target, reported", [
    ("hook.node_url(node)", False),                   # the app's page of a record it loaded
    ("request.GET.get('next')", True),
    ("links.page_url(request.GET['next'])", True),    # the helper is handed the raw parameter
    # Tornado's named route: its arguments are escaped into the route's path segments
    ("handler.reverse_url('movies-details', 'details', request.GET.get('slug'))", False),
])
def test_redirect_to_the_url_an_object_builds_for_a_record_is_not_open(target, reported):
    code = ("from django.http import HttpResponseRedirect\n\n\ndef open_node(request):\n"
            "    node = find_node(request.GET.get('node_id'))\n"
            f"    url = {target}\n    return HttpResponseRedirect(url)\n")
    assert ("python.open-redirect" in _rule_ids("app/views.py", code)
            or "taint.python.open-redirect" in _rule_ids("app/views.py", code)) is reported


@pytest.mark.parametrize("command, reported", [
    ("        # describe the nearest tag\n        \"git describe --tags\".format(*version),\n", False),
    ("        # run what the caller built\n        cmd,\n", True),         # the comment hides nothing
    ("        \"git describe --tags --match 'v*'\".format(*version),\n", False),   # no field to fill
    ("        \"git describe --tags --match '{}'\".format(*version),\n", True),
])
def test_comments_and_field_less_format_do_not_make_a_shell_command_variable(command, reported):
    code = ("import subprocess\n\n\ndef describe(cmd, version):\n    return subprocess.Popen(\n" + command
            + "        shell=True,\n    )\n")
    assert ("python.subprocess-shell-true" in _rule_ids("app/vcs.py", code)) is reported


@pytest.mark.parametrize("body, level", [
    # a media player's shell: commands only, no login, nothing secret crosses the wire
    ("def refresh(host):\n    t = telnetlib.Telnet(host)\n    t.write(b'cat /tmp/source\\n')\n"
     "    return t.read_all()\n", "low"),
    ("def connect(host, secret):\n    t = telnetlib.Telnet(host)\n    t.read_until(b'Password: ')\n"
     "    t.write(secret.encode() + b'\\n')\n    return t\n", "medium"),
    ("def upload(host, user, key):\n    ftp = ftplib.FTP(host)\n    ftp.login(user, key)\n    return ftp\n", "medium"),
])
def test_a_cleartext_session_that_signs_in_with_nothing_is_low(body, level):
    code = "import ftplib\nimport telnetlib\n\n\n" + body
    assert _levels("app/remote.py", code)["python.cleartext-protocol-login"] == level


@pytest.mark.parametrize("address, level", [
    ('f"http://{parsed.netloc}"', "low"),         # plain HTTP to the app's own worker: no TLS to turn off
    ('f"https://{parsed.netloc}"', "high"),
])
def test_a_connector_for_a_plain_http_peer_turns_no_tls_off(address, level):
    code = ("import aiohttp\n\n\ndef connector(self, parsed):\n    if parsed.scheme == 'tcp':\n"
            "        self._conn = aiohttp.TCPConnector(ssl=False, limit=800)\n"
            f"        self._addr = {address}\n    return self._conn\n")
    assert _levels("app/remote.py", code)["python.aiohttp-ssl-disabled"] == level
