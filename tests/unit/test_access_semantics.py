"""The access analyzer on multi-file applications shaped like real ones (tests/fixtures/access/semantics/).

Every route carries `# finding: KINDS` (`// finding:` in JavaScript, TypeScript and Java) on the
line above its first line: `none`, or a comma-separated list of `missing-auth`, `idor`, `role`;
`:low` after a kind (`missing-auth:low`) when the finding is reported at low confidence only (the
editor shows it; the CI threshold does not).
The whole application is indexed (as `railguard scan` does) and each file is analysed; a route
whose findings differ from its annotation, or an annotated route that is not found, fails.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from railguard.config import default_config
from railguard.engine.access.core import analyze_document
from railguard.engine.analyzers.access import AccessAnalyzer
from railguard.engine.analyzers.base import ScanContext
from railguard.engine.document import Document
from railguard.model import Confidence
from railguard.rules.loader import load_rules
from railguard.vcs import collect_files

APPS = Path(__file__).resolve().parent.parent / "fixtures" / "access" / "semantics"
ANNOTATION = re.compile(r"(?:#|//)\s*finding:\s*([\w ,:-]+)")


def kind(rule_id: str) -> str:
    name = rule_id.split(".", 1)[-1]
    if name.startswith("idor"):
        return "idor"
    if name == "missing-role-check":
        return "role"
    return "missing-auth"


def expectations(text: str) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for i, line in enumerate(text.splitlines()):
        m = ANNOTATION.search(line)
        if m:
            kinds = {k.strip() for k in m.group(1).split(",")} - {"none", ""}
            out[i + 1] = kinds  # 0-based line of the route = this line's 1-based number
    return out


def analyse(folder: Path) -> tuple[dict[tuple[str, int], set[str]], dict[tuple[str, int], set[str]], set]:
    config = default_config(folder)
    rules = [r for r in load_rules().rules if r.analyzer == "access"]
    analyzer = AccessAnalyzer(rules, config)
    files, _ = collect_files([str(folder)], config)
    project = analyzer.prepare([(f.location, f.path) for f in files], config)
    context = ScanContext(config, str(folder), project={"access": project})
    expected: dict[tuple[str, int], set[str]] = {}
    found: dict[tuple[str, int], set[str]] = {}
    routes: set[tuple[str, int]] = set()
    for sf in files:
        doc = Document(sf.path, sf.read())
        for line, kinds in expectations(doc.text).items():
            expected[(sf.path, line)] = kinds
        if not analyzer.applies_to(doc):
            continue
        result = analyze_document(doc, analyzer.model, project)
        routes |= {(sf.path, r.anchor_line) for r in result.routes + result.mutations}
        for route, finding in analyzer.route_findings(doc, context):
            if route is not None and "csrf" not in finding.rule_id:
                low = ":low" if finding.confidence == Confidence.LOW else ""
                found.setdefault((sf.path, route.anchor_line), set()).add(kind(finding.rule_id) + low)
    return expected, found, routes


@pytest.mark.parametrize("app", sorted(p.name for p in APPS.iterdir() if p.is_dir()))
def test_findings_per_route_match_the_annotations(app):
    expected, found, routes = analyse(APPS / app)
    assert expected, f"{app}: no annotated routes"
    problems = []
    for key, kinds in sorted(expected.items()):
        if key not in routes:
            problems.append(f"{key[0]}:{key[1] + 1} route not found")
        elif found.get(key, set()) != kinds:
            problems.append(f"{key[0]}:{key[1] + 1} expected {sorted(kinds) or 'none'}, got {sorted(found.get(key, set()))}")
    extra = [f"{k[0]}:{k[1] + 1} unexpected {sorted(v)}" for k, v in found.items() if k not in expected]
    assert not problems + extra, "\n".join(problems + extra)


def test_a_broken_openapi_document_does_not_stop_the_index(tmp_path):
    (tmp_path / "openapi.yaml").write_text("openapi: 3.0.0\npaths:\n  /x:\n    get: {operationId: [unclosed\n")
    (tmp_path / "app.py").write_text(
        "from flask import Flask\nfrom flask_login import login_required\napp = Flask(__name__)\n\n"
        "@app.route('/admin/users/<int:user_id>', methods=['DELETE'])\ndef drop(user_id):\n"
        "    User.query.filter_by(id=user_id).delete()\n    return ''\n")
    expected, found, routes = analyse(tmp_path)
    assert expected == {}
    assert found == {("app.py", 4): {"missing-auth"}}


def test_the_same_app_without_any_notion_of_users_is_not_reported(tmp_path):
    (tmp_path / "app.py").write_text(
        "from flask import Flask\napp = Flask(__name__)\n\n"
        "@app.route('/admin/users/<int:user_id>', methods=['DELETE'])\ndef drop(user_id):\n"
        "    User.query.filter_by(id=user_id).delete()\n    return ''\n")
    assert analyse(tmp_path)[1] == {}


def _csrf_findings(folder: Path) -> list[str]:
    config = default_config(folder)
    rules = [r for r in load_rules().rules if r.analyzer == "access"]
    analyzer = AccessAnalyzer(rules, config)
    files, _ = collect_files([str(folder)], config)
    project = analyzer.prepare([(f.location, f.path) for f in files], config)
    context = ScanContext(config, str(folder), project={"access": project})
    out = []
    for sf in files:
        doc = Document(sf.path, sf.read())
        if analyzer.applies_to(doc):
            out += [f"{sf.path}:{f.range.start.line}" for _, f in analyzer.route_findings(doc, context)
                    if "csrf" in f.rule_id]
    return out


def test_csrf_exempt_device_api_with_its_token_in_the_url_is_not_reported_but_a_session_form_is(tmp_path):
    (tmp_path / "app.py").write_text(
        "from flask import Flask, request\nfrom flask_login import login_required, current_user\n"
        "from flask_wtf.csrf import CSRFProtect\napp = Flask(__name__)\ncsrf = CSRFProtect(app)\n\n"
        "@csrf.exempt\n@app.route('/device/<auth_token>/v1/library/<int:item_id>', methods=['DELETE'])\n"
        "def archive(auth_token, item_id):\n    Item.query.filter_by(id=item_id, token=auth_token).delete()\n"
        "    return ''\n\n"
        "@csrf.exempt\n@app.route('/profile/email', methods=['POST'])\n@login_required\n"
        "def change_email():\n    current_user.email = request.form['email']\n    db.session.commit()\n"
        "    return ''\n")
    found = _csrf_findings(tmp_path)
    assert len(found) == 1 and found[0].startswith("app.py:")
    assert int(found[0].rsplit(":", 1)[1]) == 12  # 0-based: the session form, not the device API


def test_csrf_exempt_report_endpoint_that_keeps_nothing_is_not_reported():
    # the bad-origin report logs and answers; the anonymous preview clock and the rest are not exempt
    assert _csrf_findings(APPS / "django_boxoffice") == []


def test_csrf_exempt_class_view_that_writes_nothing_is_not_reported_but_one_that_stores_is():
    # a mail client's autodiscover POST renders the server settings into a template (filling the
    # context is no write); the twin, an exempt import view, saves what it is posted
    assert _csrf_findings(APPS / "django_mailhost") == ["mailhost/clients.py:49"]


def test_csrf_exempt_route_that_reads_only_a_json_body_is_not_reported(tmp_path):
    # an app asks for a key with a JSON body: a cross-site form cannot send one without a CORS
    # preflight. The twin reads a form: a forged form post changes the signed-in caller's settings.
    (tmp_path / "app.py").write_text(
        "from flask import Flask, request\nfrom flask_login import login_required, current_user\n"
        "from flask_wtf.csrf import CSRFProtect\napp = Flask(__name__)\ncsrf = CSRFProtect(app)\n\n"
        "@csrf.exempt\n@app.route('/keys/request', methods=['POST'])\n"
        "def request_key():\n    data = request.json\n    token = pending.add(data['app'], request.remote_addr)\n"
        "    notify_user(data['app'], token)\n    return {'token': token}, 201\n\n"
        "@csrf.exempt\n@app.route('/settings/theme', methods=['POST'])\n@login_required\n"
        "def set_theme():\n    current_user.theme = request.form['theme']\n    db.session.commit()\n"
        "    return ''\n")
    found = _csrf_findings(tmp_path)
    assert [int(f.rsplit(":", 1)[1]) for f in found] == [14]  # 0-based: the settings form only


def test_csrf_exempt_route_that_answers_only_delete_or_put_is_not_reported(tmp_path):
    # a form of another site sends only GET and POST; DELETE and PUT from a script of another origin
    # need a CORS preflight the app would have to allow. The POST twin is a forgeable write.
    (tmp_path / "app.py").write_text(
        "from flask import Flask, request\nfrom flask_login import login_required\n"
        "from flask_wtf.csrf import CSRFProtect\napp = Flask(__name__)\ncsrf = CSRFProtect(app)\n\n"
        "@csrf.exempt\n@app.route('/files/<path:path>', methods=['DELETE'])\n@login_required\n"
        "def delete_file(path):\n    storage.delete(path)\n    return ''\n\n"
        "@csrf.exempt\n@app.route('/files/<path:path>', methods=['PUT', 'PATCH'])\n@login_required\n"
        "def replace_file(path):\n    storage.save(path, request.form['body'])\n    return ''\n\n"
        "@csrf.exempt\n@app.route('/files/<path:path>', methods=['POST'])\n@login_required\n"
        "def save_file(path):\n    storage.save(path, request.form['body'])\n    return ''\n")
    found = _csrf_findings(tmp_path)
    assert [int(f.rsplit(":", 1)[1]) for f in found] == [20]  # 0-based: the POST only


def test_csrf_exempt_oauth_protocol_endpoints_are_not_reported_but_cookie_endpoints_are():
    # the token and revocation endpoints hand the request to the authorization server, which authenticates
    # the client; the user info endpoint takes a bearer token. The consent of the signed-in user and a
    # token minted for the signed-in user on the cookie session stay reported, and so does the exempt
    # RP-initiated logout, which ends the cookie session.
    found = _csrf_findings(APPS / "flask_idprovider")
    lines = [int(f.rsplit(":", 1)[1]) for f in found if f.startswith("idp/oidc.py")]
    text = (APPS / "flask_idprovider" / "idp" / "oidc.py").read_text().splitlines()
    assert [text[n + 1].strip() for n in lines] == ["def authorize():", "def end_session():",
                                                     "def personal_token():"]
    assert found == [f for f in found if f.startswith("idp/oidc.py")]


def _confidences(folder: Path) -> dict[int, str]:
    config = default_config(folder)
    rules = [r for r in load_rules().rules if r.analyzer == "access"]
    analyzer = AccessAnalyzer(rules, config)
    files, _ = collect_files([str(folder)], config)
    project = analyzer.prepare([(f.location, f.path) for f in files], config)
    context = ScanContext(config, str(folder), project={"access": project})
    out = {}
    for sf in files:
        doc = Document(sf.path, sf.read())
        for route, f in analyzer.route_findings(doc, context):
            if route is not None and f.rule_id.endswith("route-without-auth"):
                out[route.anchor_line] = f.confidence.name.lower()
    return out


READ_ROUTE = ("@bp.route('/catalog/<int:item_id>')\ndef item(item_id):\n"
              "    return render_template('item.html', item=Item.query.get(item_id))\n\n")


def test_an_unguarded_read_is_low_unless_a_sibling_in_its_file_is_guarded(tmp_path):
    head = ("from flask import Blueprint, render_template\nfrom flask_login import login_required\n"
            "bp = Blueprint('shop', __name__)\n\n")
    (tmp_path / "shop.py").write_text(head + READ_ROUTE)
    assert _confidences(tmp_path) == {4: "low"}
    (tmp_path / "shop.py").write_text(head + READ_ROUTE + "@bp.route('/orders')\n@login_required\ndef orders():\n"
                                      "    return render_template('orders.html', orders=Order.query.all())\n")
    assert _confidences(tmp_path)[4] in ("medium", "high")


# object-level findings need records that belong to someone (railguard/engine/access/tenancy.py)
APP = (
    "from flask import Flask, request\nfrom flask_login import login_required\n"
    "from models import Feed\n"
    "app = Flask(__name__)\n\n"
    "@app.route('/feeds/<int:feed_id>', methods=['DELETE'])\n@login_required\n"
    "def drop_feed(feed_id):\n    Feed.query.filter_by(id=feed_id).delete()\n    return ''\n"
)
MODELS = (
    "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n\n"
    "class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    password = db.Column(db.String)\n\n"
    "class Feed(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    url = db.Column(db.String)\n{owner}\n"
    "class Entry(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n"
    "    feed_id = db.Column(db.Integer, db.ForeignKey('feed.id'))\n\n"
    "class Schedule(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n"
    "    account = db.Column(db.String, primary_key=True)\n\n"
    "class Setting(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n"
    "    service_user_id = db.Column(db.String, db.ForeignKey('service_user.id'))\n"
)


def test_a_single_user_tool_whose_records_reference_nobody_has_no_object_level_findings(tmp_path):
    # a user table for the sign-in, records that belong to no one (a key of an external service's
    # account is no owner): every signed-in user is meant to reach every feed
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "models.py").write_text(MODELS.format(owner=""))
    assert analyse(tmp_path)[1] == {}


def test_the_same_tool_with_feeds_owned_by_a_user_reports_the_lookup(tmp_path):
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "models.py").write_text(
        MODELS.format(owner="    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))\n"))
    assert analyse(tmp_path)[1] == {("app.py", 5): {"idor"}}


def test_records_narrowed_to_the_caller_somewhere_are_per_user_even_without_an_owner_column(tmp_path):
    (tmp_path / "app.py").write_text(APP + (
        "\n@app.route('/mine')\n@login_required\n"
        "def mine():\n    return {'feeds': Feed.query.filter_by(added_by=current_user.name).all()}\n"))
    (tmp_path / "models.py").write_text(MODELS.format(owner=""))
    assert analyse(tmp_path)[1] == {("app.py", 5): {"idor"}}


# a route that lets only the record's own uploader act needs no role its siblings check
ROLE_VIEWS = """from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from models import Image, UploadedFile


@require_POST
@permission_required("media.delete_image")
def delete_image(request, image_id):
    get_object_or_404(Image, id=image_id).delete()
    return JsonResponse({})


@require_POST
@permission_required("media.change_image")
def edit_image(request, image_id):
    image = get_object_or_404(Image, id=image_id)
    image.title = request.POST["title"]
    image.save()
    return JsonResponse({})


@require_POST
@login_required
def delete_upload(request, upload_id):
    upload = get_object_or_404(UploadedFile, id=upload_id)
    if upload.uploaded_by_user != request.user:
        raise PermissionDenied
    upload.delete()
    return JsonResponse({})
"""
ROLE_URLS = """from django.urls import path

import views

urlpatterns = [
    path("media/<int:image_id>/delete/", views.delete_image),
    path("media/<int:image_id>/edit/", views.edit_image),
    path("media/uploads/<int:upload_id>/delete/", views.delete_upload),
]
"""
ROLE_MODELS = """from django.conf import settings
from django.db import models


class Image(models.Model):
    title = models.CharField(max_length=255)
    uploaded_by_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class UploadedFile(models.Model):
    file = models.FileField()
    uploaded_by_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
"""


def test_an_owner_gated_route_beside_permission_checked_siblings_needs_no_role(tmp_path):
    (tmp_path / "views.py").write_text(ROLE_VIEWS)
    (tmp_path / "urls.py").write_text(ROLE_URLS)
    (tmp_path / "models.py").write_text(ROLE_MODELS)
    assert analyse(tmp_path)[1] == {}


def test_the_same_route_without_the_owner_gate_lacks_the_role(tmp_path):
    gate = "    if upload.uploaded_by_user != request.user:\n        raise PermissionDenied\n"
    assert gate in ROLE_VIEWS
    (tmp_path / "views.py").write_text(ROLE_VIEWS.replace(gate, ""))
    (tmp_path / "urls.py").write_text(ROLE_URLS)
    (tmp_path / "models.py").write_text(ROLE_MODELS)
    assert analyse(tmp_path)[1] == {("views.py", 25): {"role", "idor"}}


_NARROWED = """
def pick(request):
    organiser = request.GET.get("organiser")
    qs = (
        Organiser.objects.filter(pk__in={source})
        .annotate(n_events=Count("events"))
        .order_by("-n_events")
    )
    if request.GET.get("query"):
        qs = qs.filter(name__icontains=request.GET["query"])
    if organiser:
        organiser = qs.filter(pk=organiser).first()
    return JsonResponse(serialize(organiser))
"""


@pytest.mark.parametrize(("source", "checked"), [
    ('request.user.teams.values_list("organiser", flat=True)', True),  # the caller's own organisers
    ('Organiser.objects.values_list("pk", flat=True)', False),  # every organiser
])
def test_a_load_that_narrows_a_queryset_built_from_the_caller_is_scoped(source: str, checked: bool) -> None:
    from railguard.engine.access.ownership import python_lookups
    from railguard.engine.access.tree import walk

    doc = Document("views.py", _NARROWED.format(source=source).encode(), "python")
    fn = next(iter(walk(doc.tree.root_node, {"function_definition"}, doc=doc)))
    lookups = python_lookups(doc, fn, set())
    assert [(lk.text, lk.guarded) for lk in lookups] == [("qs.filter(pk=organiser).first()", checked)]


@pytest.mark.parametrize("app", ["django_shop", "django_fitlog"])
def test_an_app_scanned_from_the_folder_above_gives_the_same_findings(app, tmp_path):
    # a release unpacked as `<name>-<version>/<package>`: module names carry the folder's name
    # (`shop-1.0.shop.views`) while imports name `shop.views`; routes must resolve the same
    shutil.copytree(APPS / app, tmp_path / "app-1.0")
    expected, found, routes = analyse(tmp_path)
    problems = [f"{k[0]}:{k[1] + 1} expected {sorted(v) or 'none'}, got {sorted(found.get(k, set()))}"
                for k, v in sorted(expected.items()) if k in routes and found.get(k, set()) != v]
    missing = [f"{k[0]}:{k[1] + 1}" for k in expected if k not in routes]
    assert not problems and not missing, "\n".join(problems + missing)


def test_csrf_exempt_view_that_requires_the_ajax_header_is_not_reported_but_a_form_upload_is():
    # a cross-site form cannot set X-Requested-With without a CORS preflight: a project decorator that
    # refuses requests without it, or the same test in the view, keeps forged posts out; the upload does not
    found = _csrf_findings(APPS / "django_qa")
    text = (APPS / "django_qa" / "qa" / "views.py").read_text().splitlines()
    defs = [next(line.strip() for line in text[int(f.rsplit(":", 1)[1]):] if line.startswith("def ")) for f in found]
    assert defs == ["def upload(request):"]
