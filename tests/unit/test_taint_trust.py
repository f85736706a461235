"""Taint precision by trust: admin-only handlers, helpers that take the request, sink evidence."""

from __future__ import annotations

import textwrap

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.model import Confidence
from railguard.rules.loader import load_rules
from tests.unit.test_taint import lines_of, taint_findings

FASTAPI = textwrap.dedent("""
    import aiohttp
    import importlib
    from fastapi import APIRouter, Depends, HTTPException, Request
    from pydantic import BaseModel
    from app.auth import get_admin_user, get_verified_user
    router = APIRouter()

    class Conn(BaseModel):
        url: str
        code: str
""")


def _by_line(code: str) -> dict[int, Confidence]:
    return {f.line: f.confidence for f in taint_findings(code)}


def test_admin_dependency_lowers_ssrf_and_code_injection_but_not_for_signed_in_users():
    code = FASTAPI + textwrap.dedent("""
        @router.post("/admin/verify")
        async def verify(form: Conn, user=Depends(get_admin_user)):
            async with aiohttp.ClientSession() as session:
                async with session.get(form.url) as r:
                    return await r.json()

        @router.post("/verify")
        async def verify_any(form: Conn, user=Depends(get_verified_user)):
            async with aiohttp.ClientSession() as session:
                async with session.get(form.url) as r:
                    return await r.json()

        @router.post("/admin/load", dependencies=[Depends(get_admin_user)])
        async def load(form: Conn):
            return importlib.import_module(form.code)
    """)
    lines = _by_line(code)
    assert lines[16] == Confidence.LOW  # admin dependency
    assert lines[22] == Confidence.HIGH  # any signed-in user chooses the URL
    assert lines[27] == Confidence.LOW  # admin dependency in the route decorator


def test_a_route_path_that_says_admin_is_no_guard():
    code = FASTAPI + textwrap.dedent("""
        @router.post("/admin/verify")
        async def verify(form: Conn, user=Depends(get_verified_user)):
            async with aiohttp.ClientSession() as session:
                async with session.get(form.url) as r:
                    return await r.json()
    """)
    assert set(_by_line(code).values()) == {Confidence.HIGH}


def test_role_check_with_early_exit_before_the_sink_lowers_after_it_does_not():
    code = FASTAPI + textwrap.dedent("""
        @router.post("/verify")
        async def verify(form: Conn, user=Depends(get_verified_user)):
            if user.role != "admin":
                raise HTTPException(status_code=403)
            async with aiohttp.ClientSession() as session:
                return await session.get(form.url)

        @router.post("/verify2")
        async def verify_late(form: Conn, user=Depends(get_verified_user)):
            async with aiohttp.ClientSession() as session:
                r = await session.get(form.url)
            if user.role != "admin":
                raise HTTPException(status_code=403)
            return r

        @router.post("/verify3")
        async def verify_logged(form: Conn, user=Depends(get_verified_user)):
            if user.role != "admin":
                audit(user)
            async with aiohttp.ClientSession() as session:
                return await session.get(form.url)
    """)
    lines = _by_line(code)
    assert lines[18] == Confidence.LOW
    assert lines[23] == Confidence.HIGH  # the check comes after the request
    assert lines[33] == Confidence.HIGH  # no early exit: the request still runs


def test_admin_guard_does_not_lower_xss():
    code = textwrap.dedent("""
        from flask import Flask, request, make_response
        from app.auth import admin_required
        app = Flask(__name__)

        @app.route("/admin/echo")
        @admin_required
        def echo():
            return make_response("<p>" + request.args["q"] + "</p>")

        @app.route("/admin/fetch")
        @admin_required
        def fetch():
            import requests
            return requests.get(request.args["url"]).text
    """)
    lines = _by_line(code)
    assert lines[9] == Confidence.HIGH
    assert lines[15] == Confidence.LOW


def test_fastapi_helper_taking_the_request_is_not_a_route():
    """A helper `(request, url)` in a FastAPI module is called by routes: its parameters are
    the callers' data, reported at the caller where the source is."""
    code = FASTAPI + textwrap.dedent("""
        import requests

        def fetch(request: Request, url: str):
            return requests.get(url).text

        @router.get("/config")
        async def config(request: Request):
            return fetch(request, "https://example.org/config")

        @router.post("/proxy")
        async def proxy(request: Request, form: Conn, user=Depends(get_verified_user)):
            return fetch(request, form.url)
    """)
    [finding] = taint_findings(code)
    assert finding.confidence == Confidence.HIGH
    assert finding.message.startswith("route parameter form ")
    assert finding.related[0].range.start.line + 1 == 23  # the source is the route's parameter


def test_django_helper_called_by_a_view_is_not_a_view_but_a_view_is():
    code = textwrap.dedent("""
        import requests
        from django.http import HttpResponse

        def _fetch(request, url):
            return requests.get(url)

        def settings_page(request):
            return HttpResponse(_fetch(request, "https://example.org/x").status_code)

        def proxy(request, url):
            return HttpResponse(requests.get(url).status_code)
    """)
    assert lines_of(taint_findings(code), "taint.python.ssrf") == [12]


def test_name_only_http_sinks_need_an_http_client_in_the_file():
    flask = "from flask import Flask, request, session\napp = Flask(__name__)\n"
    no_client = flask + textwrap.dedent("""
        SESSIONS = {}
        browser_sessions = load_sessions()

        @app.route("/step")
        def step():
            sid = request.args["id"]
            a = SESSIONS.get(sid)
            b = browser_sessions.get(sid)
            c = session.get(sid)
            d = request.session.get(sid)
            return "ok" if a and b and c and d else "no"
    """)
    assert lines_of(taint_findings(no_client), "taint.python.ssrf") == []
    with_client = "import requests\nimport httpx\n" + no_client + textwrap.dedent("""
        @app.route("/fetch")
        def fetch():
            http_session = requests.Session()
            client = httpx.Client()
            a = http_session.get(request.args["url"])
            b = client.post(request.args["url"])
            c = SESSIONS.get(request.args["url"])
            return a.text + b.text + str(c)
    """)
    assert lines_of(taint_findings(with_client), "taint.python.ssrf") == [22, 23]


def test_sdk_request_object_is_not_sql_text_but_a_built_query_is():
    code = textwrap.dedent("""
        import sqlite3
        from flask import Flask, request
        from paymentsdk.orders import OrdersGetRequest
        from sqlalchemy import text
        app = Flask(__name__)

        @app.route("/order")
        def order():
            req = OrdersGetRequest(request.args["id"])
            client.execute(req)
            return "ok"

        @app.route("/search")
        def search():
            cur = sqlite3.connect("db").cursor()
            cur.execute("SELECT * FROM t WHERE name = '%s'" % request.args["q"])
            db.session.execute(text("SELECT * FROM t WHERE id = " + request.args["id"]))
            return "ok"
    """)
    assert sorted(set(lines_of(taint_findings(code), "taint.python.sql-injection"))) == [17, 18]


def test_methods_taking_the_request_are_views_only_when_the_framework_dispatches_them():
    code = textwrap.dedent("""
        from django.http import HttpResponse
        from django.utils.safestring import mark_safe
        from django.views import View

        class QuestionsForm:
            def build_field(self, request, question):
                return mark_safe(question.help_text)

        class Page(View):
            def get(self, request, slug):
                return HttpResponse(mark_safe(slug))

            def render_help(self, request, text):
                return mark_safe(text)
    """)
    assert lines_of(taint_findings(code), "taint.python.xss") == [12, 12]


def _ssrf(code: str) -> dict[int, Confidence]:
    return {f.line: f.confidence for f in taint_findings(code) if f.rule_id == "taint.python.ssrf"}


def test_fixed_scheme_and_host_leave_only_the_path_to_the_input():
    code = textwrap.dedent("""
        import requests
        from flask import Flask, request
        from app.config import settings
        app = Flask(__name__)

        @app.route("/proxy/<path:path>")
        def proxy(path):
            base = settings.store_url.rstrip("/")
            a = requests.get(f"{base}/{path}")
            b = requests.get(base + "/v1/" + path)
            c = requests.get("https://api.example.org/v1/" + path)
            d = requests.get(f"{base}{path}")
            e = requests.get(f"https://{path}/status")
            f = requests.get(f"{request.args['base']}/{path}")
            return "ok"
    """)
    lines = _ssrf(code)
    assert lines[10] == lines[11] == lines[12] == Confidence.LOW  # the path only
    assert lines[13] == lines[14] == lines[15] == Confidence.HIGH  # the input reaches the host


def test_a_configured_base_then_text_starting_with_a_separator_fixes_the_host():
    code = textwrap.dedent("""
        import httpx
        import requests
        from fastapi import FastAPI, Request
        from app.config import settings
        app = FastAPI()

        @app.get("/reviews/{ext_id}")
        async def reviews(ext_id: str, request: Request):
            query = str(request.query_params)
            page = "/pages/" + ext_id
            async with httpx.AsyncClient() as client:
                a = await client.get(settings.reviews_url + f"/reviews/{ext_id}?{query}")
                b = await client.get(settings.docs_url + page)
                c = await client.get(settings.mirror_url + ext_id)
                d = await client.get(ext_id + f"/status?{settings.token}")
            return [a, b, c, d]
    """)
    lines = _ssrf(code)
    assert lines[13] == lines[14] == Confidence.LOW  # the path only
    assert lines[15] == lines[16] == Confidence.HIGH  # the input starts the host
    # the syntactic SSRF rule gives way where only the path is the input's, not elsewhere
    engine = Engine(default_config("."), load_rules())
    found = engine.scan_document(Document.from_text("app.py", code)).findings
    ci = sorted(f.line for f in found if "ssrf" in f.rule_id and f.confidence >= Confidence.MEDIUM)
    assert ci == [15, 16]


def test_url_validators_named_for_their_check_clear_the_url_after_them():
    code = textwrap.dedent("""
        import requests
        from flask import Flask, request, redirect
        from app.net import validate_url
        app = Flask(__name__)

        @app.route("/fetch")
        def fetch():
            url = request.args["url"]
            validate_url(url)
            return requests.get(url).text

        @app.route("/fetch2")
        def fetch2():
            url = request.args["url"]
            normalise_url(url)
            return requests.get(url).text

        @app.route("/next")
        def next_page(client):
            target = request.args["next"]
            if not client.allow_redirect_uri(target):
                return "bad", 400
            return redirect(target)

        @app.route("/next2")
        def next_page2(client):
            target = request.args["next"]
            if not client.register_uri(target):
                return "bad", 400
            return redirect(target)
    """)
    findings = {(f.line, f.rule_id[13:]) for f in taint_findings(code)}
    assert (11, "ssrf") not in findings and (17, "ssrf") in findings
    assert (24, "open-redirect") not in findings and (31, "open-redirect") in findings


def test_closed_types_and_validated_patterns_are_no_free_text():
    code = FASTAPI + textwrap.dedent("""
        from enum import Enum
        from typing import Literal, Optional
        from fastapi import Query

        class Theme(str, Enum):
            light = "light"
            dark = "dark"

        _CODE = (
            "^[a-z]{2,3}(-[A-Z]{2})?$"
        )

        @router.get("/logo")
        async def logo(theme: Optional[Theme] = Query(Theme.light), size: Literal["s", "m"] = "s",
                       lang: str = Query("en", pattern=_CODE), name: str = Query("x"),
                       loose: str = Query("x", pattern="^[a-z.]+$"), part: str = Query("x", regex="[a-z]+")):
            a = open(f"/srv/logo_{theme.value}_{size}.svg").read()
            b = open(f"/srv/md/{lang}.md").read()
            c = open(f"/srv/md/{name}.md").read()
            d = open(f"/srv/md/{loose}.md").read()
            e = open(f"/srv/md/{part}.md").read()
            return a + b + c + d + e
    """)
    assert lines_of(taint_findings(code), "taint.python.path-traversal") == [31, 32, 33]  # name, loose, part


def test_a_path_check_two_files_away_is_seen_through_the_project_index(tmp_path):
    from railguard.config import default_config
    from railguard.vcs import scan_paths

    pkg = tmp_path / "site"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "util.py").write_text(textwrap.dedent("""
        from pathlib import Path

        def is_inside(child: Path, parent: Path) -> bool:
            return parent.resolve() in child.resolve().parents

        def is_named(child: Path, parent: Path) -> bool:
            return child.name != ""
    """))
    (pkg / "pages.py").write_text(textwrap.dedent("""
        from pathlib import Path
        from site.util import is_inside, is_named

        def page(root, lang):
            p = Path(root) / f"page_{lang}.md"
            if is_inside(p, Path(root)):
                return p.read_text()
            return ""

        def page_unchecked(root, lang):
            p = Path(root) / f"page_{lang}.md"
            if is_named(p, Path(root)):
                return p.read_text()
            return ""
    """))
    (pkg / "views.py").write_text(textwrap.dedent("""
        from flask import Flask, request
        from site.pages import page, page_unchecked
        app = Flask(__name__)

        @app.route("/page")
        def show():
            return page("/srv/pages", request.args["lang"])

        @app.route("/page2")
        def show2():
            return page_unchecked("/srv/pages", request.args["lang"])
    """))
    config = default_config(tmp_path)
    config.values.setdefault("", {})["cache"] = False
    report = scan_paths([str(tmp_path)], config, use_cache=False)
    found = [(f.path, f.line) for f in report.findings if f.rule_id == "taint.python.path-traversal"]
    assert found == [("site/views.py", 12)]


def test_a_function_taking_the_request_that_other_files_call_is_a_helper(tmp_path):
    from railguard.config import default_config
    from railguard.vcs import scan_paths

    pkg = tmp_path / "accounts"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "common.py").write_text(textwrap.dedent("""
        from django.shortcuts import redirect

        def finish_signup(request, next_page):
            return redirect(next_page or "/")

        def finish_login(request, next_page):
            return redirect(next_page or "/")
    """))
    (pkg / "views.py").write_text(textwrap.dedent("""
        from django.utils.http import url_has_allowed_host_and_scheme
        from accounts.common import finish_signup
        from accounts import common

        def signup(request):
            next_page = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(url=next_page, allowed_hosts={request.get_host()}):
                next_page = "/"
            return finish_signup(request, next_page)

        def login(request):
            return common.finish_login(request, request.GET.get("next", ""))
    """))
    config = default_config(tmp_path)
    config.values.setdefault("", {})["cache"] = False
    report = scan_paths([str(tmp_path)], config, use_cache=False)
    found = [(f.path, f.message.split(" ")[0]) for f in report.findings
             if f.rule_id == "taint.python.open-redirect"]
    assert found == [("accounts/views.py", "request.GET")]  # the unchecked caller, not the helpers


def test_a_template_file_rendered_by_the_framework_escapes_its_context():
    code = textwrap.dedent("""
        from flask import Flask, request
        import flask as tk
        from jinja2 import Template
        app = Flask(__name__)

        @app.route("/changes/<id>")
        def changes(id):
            return tk.render("package/changes.html", extra_vars={"id": id, "q": request.args["q"]})

        @app.route("/inline")
        def inline():
            return tk.render_template_string("<p>" + request.args["q"] + "</p>", q=request.args["q"])

        @app.route("/string")
        def string():
            return Template("<p>{{ q }}</p>" + request.args["q"]).render()
    """)
    assert lines_of(taint_findings(code), "taint.python.xss") == [13, 17]


def test_redirects_to_the_requests_own_path_stay_on_the_site():
    code = textwrap.dedent("""
        from django.shortcuts import redirect

        def refresh(request):
            return redirect(request.get_full_path() + "&cookie=1")

        def back(request):
            return redirect(request.path)

        def go(request):
            return redirect(request.GET["next"])
    """)
    assert lines_of(taint_findings(code), "taint.python.open-redirect") == [11]


def test_a_helper_reading_the_request_behind_admin_routes_only_is_admin_only():
    code = textwrap.dedent("""
        import os
        from flask import Flask, request
        from app.auth import admin_required, login_required
        app = Flask(__name__)

        def browse():
            return os.listdir(os.path.normpath(request.args.get("path", "")))

        def browse_any():
            return os.listdir(os.path.normpath(request.args.get("path", "")))

        @app.route("/admin/browse")
        @admin_required
        def admin_browse():
            return str(browse())

        @app.route("/admin/browse2")
        @admin_required
        def admin_browse2():
            return str(browse_any())

        @app.route("/browse")
        @login_required
        def user_browse():
            return str(browse_any())
    """)
    lines = {f.line: f.confidence for f in taint_findings(code) if f.rule_id == "taint.python.path-traversal"}
    assert lines == {8: Confidence.LOW, 11: Confidence.HIGH}


def test_a_helper_that_cleans_html_with_a_sanitiser_library_is_no_sink():
    code = textwrap.dedent("""
        import bleach
        import markdown
        from django.http import HttpResponse
        from django.utils.safestring import mark_safe

        def rich_text(text):
            html = markdown.markdown(str(text))
            return mark_safe(bleach.clean(html, tags=["p", "a", "em"]))

        def plain_markdown(text):
            return mark_safe(markdown.markdown(str(text)))

        def page(request):
            return HttpResponse(rich_text(request.GET["q"]))

        def page2(request):
            return HttpResponse(plain_markdown(request.GET["q"]))
    """)
    assert lines_of(taint_findings(code), "taint.python.xss") == [12, 18]


def test_rows_found_through_an_orm_manager_hold_the_databases_data():
    code = textwrap.dedent("""
        from django.http import HttpResponse
        from app.models import StoredResponse

        def replay(request):
            row = StoredResponse.objects.get(key=request.GET["key"])
            return HttpResponse(row.body)

        def replay_first(request):
            row = StoredResponse.objects.filter(key=request.GET["key"]).first()
            return HttpResponse(row.body)

        def echo(request):
            row = cache.get(request.GET["key"])
            return HttpResponse(request.GET["key"])
    """)
    assert lines_of(taint_findings(code), "taint.python.xss") == [15]


def test_an_absolute_url_of_an_app_path_is_no_request_data():
    code = textwrap.dedent("""
        from django.urls import reverse
        from django.utils.safestring import mark_safe

        def footer(request):
            return mark_safe('<a href="{}">source</a>'.format(request.build_absolute_uri(reverse("source"))))

        def here(request):
            return mark_safe('<a href="{}">here</a>'.format(request.build_absolute_uri()))
    """)
    assert lines_of(taint_findings(code), "taint.python.xss") == [9]


def test_an_item_looked_up_by_a_key_is_the_containers_data_not_the_key():
    code = textwrap.dedent("""
        import os
        from flask import Flask, request, send_file
        app = Flask(__name__)
        STORE = load_store()

        @app.route("/watch/<uuid>/html")
        def latest(uuid):
            watch = STORE["watching"].get(uuid)
            a = open(os.path.join(watch.data_dir, "latest.html")).read()
            b = open(os.path.join("/srv/watches", uuid, "latest.html")).read()
            c = open(STORE.get(uuid, request.args["fallback"])).read()
            return a + b + c
    """)
    assert lines_of(taint_findings(code), "taint.python.path-traversal") == [11, 12]


def test_elements_of_a_returned_tuple_stay_apart_in_the_caller():
    code = FASTAPI + textwrap.dedent("""
        import requests
        from app.config import connections

        async def target(form: dict):
            url = connections[0].url
            payload = dict(form)
            return form.get("model"), payload, url

        @router.post("/count")
        async def count(form: dict, user=Depends(get_verified_user)):
            model, payload, url = await target(form)
            a = requests.post(url, json=payload)
            b = requests.post(payload["callback"])
            return a.text + b.text
    """)
    assert lines_of(taint_findings(code), "taint.python.ssrf") == [25]


def test_ssrf_checked_clients_and_validators_run_in_a_thread():
    code = FASTAPI + textwrap.dedent("""
        import asyncio
        from app.net import get_ssrf_safe_session, validate_url

        @router.post("/image")
        async def image(form: Conn, user=Depends(get_verified_user)):
            async with get_ssrf_safe_session() as session:
                a = await session.get(form.url)
            await asyncio.to_thread(validate_url, form.code)
            async with aiohttp.ClientSession() as session:
                b = await session.get(form.code)
                c = await session.get(form.url)
            return a, b, c
    """)
    assert lines_of(taint_findings(code), "taint.python.ssrf") == [23]  # c: unchecked, plain client


FLASK_APP = textwrap.dedent("""
    import os
    import sys
    from subprocess import check_call
    from flask import Flask, redirect, request
    from app.auth import Permissions, admin_permission, requires_role
    app = Flask(__name__)
""")


def _confidences(code: str) -> dict[int, Confidence]:
    return {f.line: f.confidence for f in taint_findings(FLASK_APP + textwrap.dedent(code))}


def test_a_redirect_back_to_the_referer_is_low_confidence_a_query_parameter_is_not():
    lines = _confidences("""
        @app.route("/a")
        def a():
            return redirect(request.environ["HTTP_REFERER"])

        @app.route("/b")
        def b():
            return redirect(request.headers.get("Referer", "/"))

        @app.route("/c")
        def c():
            return redirect(request.referrer or "/")

        @app.route("/d")
        def d():
            return redirect(request.args["next"])
    """)
    assert lines[11] == lines[15] == lines[19] == Confidence.LOW
    assert lines[23] == Confidence.HIGH


def test_privileged_permission_decorators_lower_path_findings_others_do_not():
    lines = _confidences("""
        @app.route("/a/<name>", methods=["DELETE"])
        @Permissions.ADMIN.require(403)
        def a(name):
            os.remove(os.path.join("/srv", name))

        @app.route("/b/<name>", methods=["DELETE"])
        @admin_permission.require()
        def b(name):
            os.remove(os.path.join("/srv", name))

        @app.route("/c/<name>", methods=["DELETE"])
        @requires_role("admin")
        def c(name):
            os.remove(os.path.join("/srv", name))

        @app.route("/d/<name>", methods=["DELETE"])
        @Permissions.FILES_DELETE.require(403)
        def d(name):
            os.remove(os.path.join("/srv", name))

        @app.route("/e/<name>", methods=["DELETE"])
        @requires_role("viewer")
        def e(name):
            os.remove(os.path.join("/srv", name))
    """)
    assert lines[12] == lines[17] == lines[22] == Confidence.LOW
    assert lines[27] == lines[32] == Confidence.HIGH


def test_a_fixed_program_with_a_list_of_arguments_is_argument_injection_at_most():
    lines = _confidences("""
        @app.route("/run", methods=["POST"])
        def run():
            args = request.json["args"]
            check_call(["alembic", "-c", "alembic.ini"] + args)
            check_call(["sh", "-c"] + args)
            check_call([args[0]] + args)
    """)
    assert lines[12] == Confidence.LOW
    assert lines[13] != Confidence.LOW and lines[14] != Confidence.LOW


def test_an_argv_list_grown_by_extend_keeps_its_program():
    # `cmd.extend(args)` is `cmd + args`: a fixed program that is no shell takes arguments at most
    lines = _confidences("""
        @app.route("/run", methods=["POST"])
        def run():
            args = request.json["args"]
            cmd = ["git", "log"]
            cmd.extend(args)
            check_call(cmd)
            shell = ["sh", "-c"]
            shell.extend(args)
            check_call(shell)
            anything = []
            anything.extend(args)
            check_call(anything)
    """)
    assert lines[14] == Confidence.LOW
    assert lines[17] == lines[20] == Confidence.HIGH


def test_console_input_reaching_a_command_is_low_confidence_a_request_is_not():
    # whoever types the arguments or answers the prompt already runs commands on the machine
    lines = _confidences("""
        def main():
            os.system("git log " + sys.argv[1])
            name = input("app name? ")
            subprocess.Popen("manage.py startapp " + name, shell=True)
            os.popen("tar xf " + sys.stdin.readline())

        @app.route("/log")
        def log():
            os.system("git log " + request.args["rev"])
    """)
    assert lines[10] == lines[12] == lines[13] == Confidence.LOW
    assert lines[17] == Confidence.HIGH
