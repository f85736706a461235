"""The access analyzer's behaviour: findings, ranking, confidence, configuration, project index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from railguard.config import Config, default_config
from railguard.engine.access.core import analyze_document
from railguard.engine.access.model import build_model
from railguard.engine.analyzers.access import AccessAnalyzer
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.engine.workspace import scan_files
from railguard.model import Confidence, Severity
from railguard.rules.loader import load_rules
from railguard.vcs import collect_files
from tests.access_support import APPS
from tests.conftest import run_cli

FLASK = '''
from flask import Flask, request
from flask_login import login_required

app = Flask(__name__)


@app.route("/account/settings", methods=["POST"])
@login_required
def save_settings():
    return "ok"


@app.route("/reports")
def reports():
    return "list"


@app.route("/account/delete", methods=["POST"])
def delete_account():
    return "gone"
'''


def scan(text: str, path: str = "app.py", config: Config | None = None, project: dict | None = None):
    engine = Engine(config or default_config("."))
    return engine.scan_document(Document.from_text(path, text), "ci", {"access": project} if project else None).findings


def access_findings(findings):
    return [f for f in findings if f.rule_id.startswith("access.")]


def test_unprotected_routes_are_reported_with_framework_method_path_and_remedy():
    found = {f.line: f for f in access_findings(scan(FLASK))}
    assert set(found) == {14, 19}
    msg = found[19].message
    assert "Flask" in msg and "POST /account/delete" in msg and "login_required" in msg


def test_state_changing_and_sensitive_routes_rank_high_and_reads_medium():
    found = {f.line: f for f in access_findings(scan(FLASK))}
    assert found[19].severity == Severity.HIGH
    assert found[14].severity == Severity.MEDIUM


def test_related_location_points_to_a_protected_sibling():
    found = {f.line: f for f in access_findings(scan(FLASK))}
    related = found[19].related
    assert related and related[0].range.start.line + 1 == 8
    assert "login_required" in related[0].message


def test_single_file_scan_is_medium_confidence_project_scan_is_high():
    single = {f.line: f for f in access_findings(scan(FLASK))}
    assert single[19].confidence == Confidence.MEDIUM
    project = AccessAnalyzer([], default_config(".")).prepare(
        [(Path("app.py"), "app.py")], default_config("."), read=lambda _path, _display: FLASK.encode())
    indexed = {f.line: f for f in access_findings(scan(FLASK, project=project))}
    assert indexed[19].confidence == Confidence.HIGH


def test_project_without_a_route_word_builds_no_index_and_changes_no_finding():
    """The index is skipped (its models not even imported) only when no file can hold a route."""
    config = default_config(".")
    plain = b"import os\n\ndef main():\n    return os.getcwd()\n"
    files = {"tool.py": plain, "data.json": b'{"name": "x"}', "app.py": FLASK.encode()}
    analyzer = AccessAnalyzer([], config)

    def index(*names):
        return analyzer.prepare([(Path(n), n) for n in names], config, read=lambda _p, d: files[d])

    assert index("tool.py", "data.json") is None
    assert index("tool.py", "app.py") is not None  # one file with a route word: the whole index
    spec = b"openapi: 3.0.0\npaths:\n  /x:\n    get:\n      operationId: app.x\n"
    files["api.yaml"] = spec
    assert index("tool.py", "api.yaml") is not None  # an OpenAPI document binds Python functions
    # the findings are those of a scan that indexes the same files
    flask = {f.line: f for f in access_findings(scan(FLASK, project=index("tool.py", "app.py")))}
    assert set(flask) == {14, 19} and flask[19].confidence == Confidence.HIGH
    assert access_findings(scan(plain.decode(), "tool.py", project=index("tool.py"))) == []


def test_configured_auth_marker_and_public_path(tmp_path):
    text = FLASK.replace('@app.route("/reports")', '@app.route("/reports")\n@sso_gate')
    config = Config(root=tmp_path, values={"access": {"auth-markers": ["sso_gate"], "public-paths": ["/account/del*"]}})
    assert access_findings(scan(text, config=config)) == []
    assert {f.line for f in access_findings(scan(text))} == {14, 20}


def test_configured_public_marker():
    text = FLASK.replace('@app.route("/reports")', '@app.route("/reports")\n@anonymous_ok')
    config = Config(values={"access": {"public-markers": ["anonymous_ok"]}})
    assert {f.line for f in access_findings(scan(text, config=config))} == {20}


def test_commented_out_check_is_no_check():
    text = '''
from flask import Flask
app = Flask(__name__)

@app.route("/admin/purge", methods=["POST"])
def purge():
    # if not current_user.is_authenticated: abort(401)
    return "purged"
'''
    assert [f.line for f in access_findings(scan(text))] == [5]


def test_fastapi_router_guard_in_another_module_via_project_index(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "deps.py").write_text(
        "from fastapi import HTTPException, Header\n"
        "def verify_caller(x_token: str = Header()):\n"
        "    if x_token != 'x':\n"
        "        raise HTTPException(status_code=401)\n")
    (tmp_path / "app" / "items.py").write_text(
        "from fastapi import APIRouter\nrouter = APIRouter()\n\n"
        "@router.delete('/items/{item_id}')\ndef delete_item(item_id: int):\n    return None\n")
    (tmp_path / "app" / "main.py").write_text(
        "from fastapi import FastAPI, Depends\nfrom app import items\nfrom app.deps import verify_caller\n"
        "app = FastAPI()\napp.include_router(items.router, dependencies=[Depends(verify_caller)])\n")
    config = default_config(tmp_path)
    files, _ = collect_files([str(tmp_path)], config)
    report = scan_files(files, config, use_cache=False)
    assert access_findings(report.findings) == []
    (tmp_path / "app" / "main.py").write_text(
        "from fastapi import FastAPI\nfrom app import items\napp = FastAPI()\napp.include_router(items.router)\n")
    report = scan_files(files, config, use_cache=False)
    assert [(f.path, f.line) for f in access_findings(report.findings)] == [("app/items.py", 4)]


def test_project_facts_are_json_and_ignore_unrelated_files(tmp_path):
    (tmp_path / "notes.py").write_text("def add(a, b):\n    return a + b\n")
    (tmp_path / "README.md").write_text("# app\n")
    config = default_config(tmp_path)
    files, _ = collect_files([str(tmp_path)], config)
    assert AccessAnalyzer([], config).prepare([(f.location, f.path) for f in files], config) is None
    (tmp_path / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n\n\n"
                                     "@app.route('/')\ndef index():\n    return 'x'\n")
    files, _ = collect_files([str(tmp_path)], config)
    facts = AccessAnalyzer([], config).prepare([(f.location, f.path) for f in files], config)
    assert json.loads(json.dumps(facts)) == facts
    assert facts["auth_functions"] == [] and facts["uses_auth"] is False


def test_drf_default_permission_from_settings(tmp_path):
    view = ("from rest_framework import viewsets\n\nclass OrderViewSet(viewsets.ModelViewSet):\n"
            "    queryset = Order.objects.all()\n")
    (tmp_path / "views.py").write_text(view)
    (tmp_path / "settings.py").write_text(
        "INSTALLED_APPS = ['rest_framework']\nREST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': "
        "['rest_framework.permissions.IsAuthenticated']}\n")
    config = default_config(tmp_path)
    files, _ = collect_files([str(tmp_path)], config)
    assert [f.rule_id for f in scan_files(files, config, use_cache=False).findings
            if f.rule_id.startswith("access.drf")] == []
    (tmp_path / "settings.py").write_text("INSTALLED_APPS = ['rest_framework']\n")
    assert [f.line for f in scan_files(files, config, use_cache=False).findings
            if f.rule_id.startswith("access.drf")] == [3]


def test_spring_filter_chain_first_match_wins():
    model = build_model()
    config = ('@Bean SecurityFilterChain c(HttpSecurity http) { http.authorizeHttpRequests(a -> a'
              '.requestMatchers("/api/public/**").permitAll().requestMatchers("/api/**").authenticated()'
              '.anyRequest().permitAll()); }')
    from railguard.engine.access.core import collect_raw
    from railguard.engine.access.facts import Facts, resolve
    facts = resolve([collect_raw(Document.from_text("Sec.java", config), model, Facts())])
    ctrl = ('@RestController class C {\n @GetMapping("/api/public/news") String a() { return ""; }\n'
            ' @PostMapping("/api/orders") String b() { return ""; }\n'
            ' @PostMapping("/hooks/run") String c() { return ""; } }')
    routes = {r.path: r for r in analyze_document(Document.from_text("C.java", ctrl), model, facts).routes}
    assert routes["/api/public/news"].public
    assert routes["/api/orders"].protected
    assert routes["/hooks/run"].unprotected


def test_graphql_mutation_reported_only_where_the_project_uses_auth():
    text = ("import graphene\n\nclass DeletePost(graphene.Mutation):\n    def mutate(self, info, id):\n"
            "        Post.objects.get(pk=id).delete()\n")
    assert access_findings(scan(text, "schema.py")) == []
    with_auth = text + ("\nclass Publish(graphene.Mutation):\n    @login_required\n"
                        "    def mutate(self, info, id):\n        return None\n")
    assert [f.line for f in access_findings(scan(with_auth, "schema.py"))] == [3]


def test_every_access_rule_has_cwe_and_docs():
    rules = [r for r in load_rules().rules if r.analyzer == "access"]
    assert len(rules) >= 9
    for r in rules:
        assert r.cwe and r.docs.what and r.docs.why and r.docs.references, r.id


def test_cli_scan_of_a_mini_application(tmp_path):
    app = tmp_path / "flaskapp"
    shutil.copytree(APPS / "flask", app)
    out = run_cli("scan", ".", "-f", "json", "--no-cache", cwd=app)
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    findings = [f for f in data["findings"] if f["rule_id"] == "access.flask-route-without-auth"]
    paths = {(f["path"], f["range"]["start"]["line"]) for f in findings}
    assert ("app/billing/routes.py", 38) in paths
    assert not any(p == "app/admin/views.py" for p, _ in paths)  # guarded by a hook in admin/__init__.py
    assert all(f["confidence"] == "high" for f in findings)


def test_bad_python_does_not_stop_the_scan():
    text = FLASK + "\n@app.route('/x'\ndef broken(:\n"
    findings = scan(text)
    assert any(f.rule_id == "access.flask-route-without-auth" for f in findings)
    assert Path(__file__).exists()


def test_frontend_http_client_calls_are_not_routes():
    text = ("import { BrowserRouter as Router } from 'react-router-dom';\nimport api from './api';\n"
            "export async function save(data) {\n  await api.post('/users', data);\n"
            "  return api.delete('/users/1', { params: {} });\n}\n")
    assert access_findings(scan(text, "src/save.jsx")) == []


@pytest.mark.parametrize(("path", "signin"), [
    ("auth/routes.js", True), ("routes/auth.js", True), ("src/routes/login.ts", True), ("api/auth.controller.ts", True),
    ("lib/oauth/index.js", True),
    ("routes/authors.js", False), ("routes/admin.js", False), ("routes/ssologin.js", False),
])
def test_modules_of_the_sign_in_are_named_for_it(path, signin):
    import re

    pattern = build_model().fw("express").value("signin-files")
    assert bool(re.search(pattern, "/" + path)) is signin
