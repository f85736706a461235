"""The taint analyzer: sources to sinks, precision where a syntactic rule cannot tell, deferral."""

from __future__ import annotations

import textwrap

import pytest

from railguard.config import default_config
from railguard.engine.analyzers.base import SafeVerdict
from railguard.engine.document import Document
from railguard.engine.engine import Engine, drop_deferred
from railguard.engine.taint.flow import FileAnalysis, Summary
from railguard.engine.taint.model import ModelError, load_model, parse_model
from railguard.model import Confidence, Finding, Position, Range, Severity
from railguard.rules.loader import RuleSet, load_rules, parse_rule
from railguard.vcs import scan_paths

FLASK = "from flask import Flask, request, session, redirect\nimport os, subprocess, shlex\napp = Flask(__name__)\n"


def taint_findings(code: str, path: str = "app.py", engine: Engine | None = None) -> list[Finding]:
    # the taint rules alone: a syntactic rule on the same line would replace a finding here
    engine = engine or _taint_engine()
    doc = Document.from_text(path, textwrap.dedent(code))
    return [f for f in engine.scan_document(doc).findings if f.analyzer == "taint"]


_ENGINE: list[Engine] = []


def _taint_engine() -> Engine:
    if not _ENGINE:
        _ENGINE.append(Engine(default_config("."), load_rules().filtered(enable=["taint"])))
    return _ENGINE[0]


def lines_of(findings: list[Finding], rule: str = "") -> list[int]:
    return sorted(f.line for f in findings if not rule or f.rule_id == rule)


# ---------------------------------------------------------------- flows and precision


def test_request_value_reaches_shell_and_names_source_path_and_sink():
    code = FLASK + textwrap.dedent("""
        @app.route("/ping")
        def ping():
            host = request.args.get("host")
            cmd = "ping -c 1 " + host
            os.system(cmd)
            return "ok"
    """)
    [f] = taint_findings(code)
    assert f.rule_id == "taint.python.command-injection"
    assert f.cwe == (78,)
    assert f.line == 9 and f.confidence == Confidence.HIGH
    assert "request.args" in f.message and "os.system" in f.message
    messages = [r.message for r in f.related]
    assert messages[0] == "source: request.args"
    assert "request.args flows into host" in messages
    assert "request.args flows into cmd" in messages


def test_sanitizers_are_per_sink_kind():
    code = FLASK + textwrap.dedent("""
        @app.route("/q")
        def q():
            name = shlex.quote(request.args["name"])
            os.system("finger " + name)
            eval(name)
            return "ok"
    """)
    findings = taint_findings(code)
    assert [f.rule_id for f in findings] == ["taint.python.code-injection"]


def test_element_precision_constant_branch_and_allow_list():
    code = FLASK + textwrap.dedent("""
        ALLOWED = {"uptime", "df"}

        @app.route("/x")
        def x():
            user = request.form["cmd"]
            args = ["uptime"]
            args.append(user)
            os.system(args[0])
            os.system(args[1])
            parts = {"safe": "ls", "bad": user}
            os.system(parts["safe"])
            if 10 // 3 == 4:
                os.system(user)
            if user not in ALLOWED:
                return "no", 400
            os.system(user)
            return "ok"
    """)
    assert lines_of(taint_findings(code)) == [13]


def test_compound_allow_list_guards_confine_only_when_every_side_names_the_value():
    code = FLASK + textwrap.dedent("""
        LOCALES = {"fr_FR", "de_DE"}

        @app.route("/i18n/<locale>")
        def i18n(locale):
            if locale not in LOCALES and locale != "en_GB":
                return "no", 404
            return open(os.path.join("/srv/i18n", locale + ".js")).read()

        @app.route("/i18n-raw/<locale>")
        def i18n_raw(locale):
            if locale not in LOCALES and not request.args.get("raw"):
                return "no", 404
            return open(os.path.join("/srv/i18n", locale + ".js")).read()

        @app.route("/i18n-either/<locale>")
        def i18n_either(locale):
            if locale in LOCALES or request.args.get("any"):
                return open(os.path.join("/srv/i18n", locale + ".js")).read()
            if locale == "en_GB" or locale in LOCALES:
                return open(os.path.join("/srv/i18n", locale + ".js")).read()
            return "no", 404
    """)
    assert lines_of(taint_findings(code), "taint.python.path-traversal") == [17, 22]


def test_pop_update_and_tuple_unpacking_keep_elements_apart():
    code = FLASK + textwrap.dedent("""
        @app.route("/x")
        def x():
            user = request.args["u"]
            items = ["date", user]
            last = items.pop()
            os.system(items[0])
            os.system(last)
            conf = {}
            conf.update({"a": "ls", "b": user})
            os.system(conf["a"])
            a, b = "true", user
            os.system(a)
            os.system(b)
            return "ok"
    """)
    assert lines_of(taint_findings(code)) == [11, 17]


def test_helper_in_same_file_reports_at_its_sink_and_helper_that_drops_input_is_clean():
    code = FLASK + textwrap.dedent("""
        def run(c):
            return subprocess.getoutput(c)

        def label(value):
            return "fixed"

        @app.route("/x")
        def x():
            value = request.args["v"]
            run(value)
            os.system(label(value))
            return "ok"
    """)
    [f] = taint_findings(code)
    assert f.line == 6
    assert any("passed to run()" in r.message for r in f.related)


def test_confidence_follows_source_kind():
    code = "import os\nrule = os.environ['RULE']\nprint(eval(rule))\nprint(open(rule).read())\n"
    engine = Engine(default_config("."), load_rules().filtered(enable=["taint"]))
    [f] = taint_findings(code, "deploy.py", engine)  # a deployer's paths are no traversal
    assert f.rule_id == "taint.python.code-injection" and f.confidence == Confidence.LOW


def test_parameter_without_a_source_is_not_reported():
    assert taint_findings("import os\ndef run(cmd):\n    os.system(cmd)\n") == []


def test_parses_syntax_the_running_python_may_reject():
    code = FLASK + 'def x():\n    os.system(f"echo {request.args["a"]}")\n    if (\n'
    assert lines_of(taint_findings(code)) == [5]


def test_fastapi_parameters_by_annotation():
    code = textwrap.dedent("""
        from fastapi import FastAPI, Query
        import os
        api = FastAPI()

        @api.get("/a/{n}")
        def a(n: int, name: str = Query(...)):
            os.system(f"echo {n}")
            os.system(f"echo {name}")
    """)
    assert lines_of(taint_findings(code)) == [9]


def test_budget_and_nesting_do_not_break_the_scan():
    body = "\n".join(f"    x{i} = x{i - 1} + request.args['a']" for i in range(1, 3000))
    code = FLASK + "def big():\n    x0 = ''\n" + body + "\n    os.system(x2999)\n"
    taint_findings(code)  # finishes, with or without a finding


# ---------------------------------------------------------------- summaries and the project


def test_cross_file_summary_through_prepare(tmp_path):
    pkg = tmp_path / "shop"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "helpers.py").write_text("import os\n\n\ndef archive(name):\n    os.system('tar czf ' + name)\n")
    (pkg / "views.py").write_text(FLASK + "from .helpers import archive\n\n\n@app.route('/a')\ndef a():\n"
                                  "    archive(request.args['n'])\n    return 'ok'\n")
    config = default_config(tmp_path)
    config.values.setdefault("", {})["cache"] = False
    report = scan_paths([str(tmp_path)], config, use_cache=False)
    [f] = [f for f in report.findings if f.rule_id == "taint.python.command-injection"]
    assert f.path == "shop/views.py" and f.line == 9
    assert any(r.path == "shop/helpers.py" and r.range.start.line == 4 for r in f.related)
    # an editor scan of the one file has no project summaries: no cross-file finding
    engine = Engine(config)
    doc = Document("shop/views.py", (pkg / "views.py").read_bytes())
    assert not [x for x in engine.scan_document(doc).findings if x.analyzer == "taint"]


def test_fastapi_dependency_aliases_of_another_module_are_not_request_input(tmp_path):
    """`session: DbSession` with `DbSession = Annotated[AsyncSession, Depends(...)]` defined in
    another module is filled by the dependency; a path parameter beside it is still the client's."""
    pkg = tmp_path / "svc"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "deps.py").write_text(
        "from typing import Annotated\nfrom fastapi import Depends\nfrom svc.db import get_session, get_user\n\n"
        "DbSession = Annotated[object, Depends(get_session)]\n"
        "CurrentUser = Annotated[\n    object,\n    Depends(get_user),\n]\n")
    (pkg / "files.py").write_text(
        "from pathlib import Path\nfrom fastapi import APIRouter\nfrom svc.deps import CurrentUser, DbSession\n\n"
        "router = APIRouter()\nROOT = Path('/srv/files')\n\n\n"
        "@router.get('/mine')\nasync def mine(session: DbSession, current_user: CurrentUser):\n"
        "    folder = ROOT / str(current_user.id)\n    return [p.name for p in folder.iterdir()]\n\n\n"
        "@router.get('/files/{name}')\nasync def one(name: str, current_user: CurrentUser):\n"
        "    return (ROOT / str(current_user.id) / name).read_bytes()\n")
    config = default_config(tmp_path)
    config.values.setdefault("", {})["cache"] = False
    report = scan_paths([str(tmp_path)], config, use_cache=False)
    found = [(f.path, f.line) for f in report.findings if f.rule_id == "taint.python.path-traversal"]
    assert found == [("svc/files.py", 17)]


def test_summary_json_round_trip():
    doc = Document.from_text("m.py", "import os\ndef f(a, b):\n    os.system(a)\n    return b.strip()\n")
    fa = FileAnalysis(doc, load_model())
    fa.run()
    s = fa.summaries["f"]
    assert s.sinks[0][:2] == (0, "command-injection")
    assert set(s.returns) == {1}
    again = Summary.from_json(s.to_json())
    assert again.sinks == s.sinks and again.returns == s.returns


def test_a_helper_returning_only_dicts_keeps_that_shape_in_its_summary():
    # a helper that returns its argument serialised: shipped to other files with the shape
    doc = Document.from_text("m.py", "def payload(item):\n    return item.model_dump()\n")
    fa = FileAnalysis(doc, load_model())
    fa.run()
    s = fa.summaries["payload"]
    assert s.returns_shape == "dict" and not s.is_default()
    assert Summary.from_json(s.to_json()).returns_shape == "dict"
    # a pass-through summary is left out of what is shipped, unless its shape says more
    plain = Summary(params=("item",), returns={0: frozenset()}, returns_unknown=True)
    assert plain.is_default() and not Summary(params=("item",), returns={0: frozenset()}, returns_unknown=True,
                                              returns_shape="dict").is_default()


def test_bad_model_is_an_error_naming_the_file():
    with pytest.raises(ModelError, match="model.yaml: sinks.sql\\[0\\]: args"):
        parse_model({"sinks": {"sql": [{"names": ["x"], "args": ["first"]}]}}, "model.yaml")


def test_unknown_sink_kind_in_a_rule_is_reported():
    rule = parse_rule({"id": "my.taint", "analyzer": "taint", "languages": ["python"], "severity": "high",
                       "message": "m", "sink-kind": "nonsense"}, "pack.yaml", "pack", 0)
    engine = Engine(default_config("."), RuleSet([rule]))
    result = engine.scan_document(Document.from_text("a.py", "x = 1\n"))
    assert any("unknown sink kind 'nonsense'" in n.message for n in result.notices)


# ---------------------------------------------------------------- deferral of syntactic rules


def _finding(rule_id: str, start: int, end: int, cwe=(78,), tags=("taint-deferrable",)) -> Finding:
    rng = Range(Position(0, start), Position(0, end), start, end)
    return Finding(rule_id, Severity.HIGH, Confidence.MEDIUM, "m", "a.py", rng, cwe=cwe, analyzer="query",
                   tags=tags)


def test_drop_deferred_needs_tag_shared_cwe_and_covering_verdict():
    verdict = SafeVerdict("a.py", 10, 30, (78,))
    kept = drop_deferred([
        _finding("deferrable.covered", 10, 30),
        _finding("not.tagged", 10, 30, tags=()),
        _finding("other.cwe", 10, 30, cwe=(89,)),
        _finding("outside", 40, 50),
    ], [verdict])
    assert [f.rule_id for f in kept] == ["not.tagged", "other.cwe", "outside"]
    assert len(drop_deferred([_finding("x", 10, 30)], [])) == 1


DEFERRABLE_PACK = """
rules:
  - id: test.os-system-dynamic
    languages: [python]
    severity: high
    cwe: [78]
    tags: [taint-deferrable]
    message: os.system with a value built at run time
    query: |
      (call function: (attribute object: (identifier) @m attribute: (identifier) @f)
        arguments: (argument_list . (_) @arg) (#eq? @m "os") (#eq? @f "system")) @match
    where:
      - capture: arg
        not-type: [string]
"""


@pytest.fixture
def deferring_engine(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(DEFERRABLE_PACK)
    # the taint rules and this one rule: the bundled syntactic rules would report the same lines
    return Engine(default_config(tmp_path), load_rules([pack]).filtered(enable=["taint", "test"]))


def test_syntactic_finding_dropped_where_taint_proves_the_sink_safe(deferring_engine):
    code = FLASK + textwrap.dedent("""
        TOOL = "uptime"

        @app.route("/a")
        def a():
            name = shlex.quote(request.args["n"])
            os.system("finger " + name)
            os.system(TOOL + " -p")
            return "ok"
    """)
    findings = deferring_engine.scan_document(Document.from_text("a.py", code)).findings
    assert [f.rule_id for f in findings] == []


def test_syntactic_finding_kept_where_taint_has_no_opinion(deferring_engine):
    code = "import os\n\ndef run(cmd):\n    os.system('nice ' + cmd)\n"
    findings = deferring_engine.scan_document(Document.from_text("a.py", code)).findings
    assert [f.rule_id for f in findings] == ["test.os-system-dynamic"]


def test_one_problem_reported_once_where_taint_finds_the_flow(deferring_engine):
    code = FLASK + "@app.route('/a')\ndef a():\n    os.system('ping ' + request.args['h'])\n    return 'ok'\n"
    findings = deferring_engine.scan_document(Document.from_text("a.py", code)).findings
    assert [f.rule_id for f in findings] == ["taint.python.command-injection"]


def test_syntactic_finding_gives_way_where_only_console_input_reaches_the_sink(deferring_engine):
    # the taint analyzer traced the command to the console (low confidence): the syntactic rule
    # defers to it; where a request value reaches the same sink too, the flow is reported as it is
    code = FLASK + textwrap.dedent("""
        import sys

        def main():
            os.system("git log " + sys.argv[1])

        @app.route("/a")
        def a():
            os.system("git log " + sys.argv[1] + request.args["rev"])
            return "ok"
    """)
    findings = deferring_engine.scan_document(Document.from_text("a.py", code)).findings
    assert [(f.rule_id, f.line, f.confidence) for f in findings] == [
        ("taint.python.command-injection", 8, Confidence.LOW),
        ("taint.python.command-injection", 12, Confidence.HIGH)]


def test_method_of_a_project_class_and_regex_allow_list():
    code = FLASK + textwrap.dedent("""
        import re, sqlite3

        class Repo:
            def __init__(self, db):
                self.db = db

            def find(self, name):
                return self.db.execute("SELECT * FROM t WHERE name = '" + name + "'")

        @app.route("/s")
        def s():
            q = request.args.get("q", "")
            Repo(sqlite3.connect("x.db")).find(q)
            repo = Repo(sqlite3.connect("x.db"))
            repo.find(re.sub(r"[^a-zA-Z0-9_-]", "", q))
            return "ok"
    """)
    [f] = taint_findings(code)
    assert f.rule_id == "taint.python.sql-injection" and f.line == 12


def test_fastapi_string_response_is_html_only_with_an_html_response_class():
    code = textwrap.dedent("""
        from fastapi import FastAPI
        from fastapi.responses import HTMLResponse
        app = FastAPI()

        @app.get("/a", response_class=HTMLResponse)
        def a(q: str):
            return f"<div>{q}</div>"

        @app.get("/b")
        def b(q: str):
            return f"<div>{q}</div>"
    """)
    assert [(f.rule_id, f.line) for f in taint_findings(code)] == [("taint.python.xss", 8)]


@pytest.mark.parametrize(("path", "confidence"), [
    # the input picks a folder, the program the kind of file: only other catalogues are read
    ('os.path.join(BASE, locale, "LC_MESSAGES", f"{domain}.po")', Confidence.LOW),
    ('os.path.join(BASE, locale, "messages.po")', Confidence.LOW),
    # the input picks the file itself
    ('os.path.join(BASE, locale, domain)', Confidence.HIGH),
    ('os.path.join(BASE, locale, "LC_MESSAGES")', Confidence.HIGH),
    ('BASE + "/" + locale + "/" + domain', Confidence.HIGH),
])
def test_path_ending_in_a_fixed_file_extension_is_low(path, confidence):
    code = FLASK + textwrap.dedent(f"""
        BASE = "/srv/i18n"

        def catalogue(locale, domain):
            return {path}

        @app.route("/i18n/<locale>/<domain>.js")
        def translations(locale, domain):
            with open(catalogue(locale, domain)) as f:
                return f.read()
    """)
    found = [f.confidence for f in taint_findings(code) if f.rule_id == "taint.python.path-traversal"]
    assert found == [confidence]


def test_a_kernel_or_an_apps_state_executing_is_no_sql_sink():
    code = FLASK + (
        "@app.route('/render')\ndef render():\n    source = build_notebook_runner(request.args['path'])\n"
        "    return app.kernel.execute(source)\n\n"
        "@app.route('/warm')\ndef warm():\n    state.execute(partial(create_session, request.args['id']))\n    return ''\n\n"
        "@app.route('/find')\ndef find():\n"
        "    return db.cursor.execute(\"SELECT * FROM t WHERE name = '\" + request.args['q'] + \"'\")\n")
    assert lines_of(taint_findings(code), "taint.python.sql-injection") == [16]
    # nor for the syntactic rule, which reports when the taint analysis does not
    from railguard.config import default_config
    everything = Engine(default_config(".")).scan_document(Document.from_text("app.py", textwrap.dedent(code))).findings
    assert sorted(f.line for f in everything if "sql" in f.rule_id) == [16]


def test_a_commonpath_kept_in_a_name_then_compared_with_the_root_clears_the_path():
    code = ("import os\nfrom pathlib import Path\nfrom fastapi import FastAPI, HTTPException\n"
            "from fastapi.responses import FileResponse\napp = FastAPI()\nROOT = Path('/srv/static')\n\n"
            "@app.get('/static/{path:path}')\nasync def static(path: str):\n"
            "    root = Path(ui.__file__).parent / 'build'\n"
            "    name = os.path.normpath(root / path)\n"
            "    common = Path(os.path.commonpath([root, name]))\n"
            "    if common != root:\n        raise HTTPException(status_code=404)\n"
            "    return FileResponse(name)\n\n"
            "@app.get('/raw/{path:path}')\nasync def raw(path: str):\n"
            "    name = os.path.normpath(ROOT / path)\n"
            "    common = Path(os.path.commonpath([ROOT, name]))\n"
            "    return FileResponse(name)\n")
    assert lines_of(taint_findings(code), "taint.python.path-traversal") == [21]


@pytest.mark.parametrize(("url", "confidence"), [
    # a URL of a path and a query only: the client's base URL decides the host
    ('yarl.URL.build(path=f"/{path}", query=request.args.get("q"))', Confidence.LOW),
    ('yarl.URL.build(scheme="http", host="backend", path=f"/{path}")', Confidence.LOW),
    # the input picks the host, or a splat might
    ('yarl.URL.build(scheme="http", host=path, path="/x")', Confidence.HIGH),
    ('yarl.URL.build(path="/x", **request.args)', Confidence.HIGH),
])
def test_url_built_from_a_path_only_is_low(url, confidence):
    code = FLASK + textwrap.dedent(f"""
        import requests
        import yarl

        @app.route("/proxy/<path:path>")
        def proxy(path):
            url = {url}
            return requests.get(str(url)).text
    """)
    found = [f.confidence for f in taint_findings(code) if f.rule_id == "taint.python.ssrf"]
    assert found == [confidence]


def test_every_pattern_of_the_bundled_model_compiles():
    """The model's patterns are compiled when a file first needs one: each of them must compile,
    so a mistake in the bundled model shows here and not in the middle of a user's scan."""
    import dataclasses

    from railguard.engine.lazyre import LazyPattern

    seen: list[LazyPattern] = []

    def walk(value, depth=0):
        if depth > 6:
            return
        if isinstance(value, LazyPattern):
            seen.append(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name), depth + 1)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v, depth + 1)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                walk(v, depth + 1)

    walk(load_model())
    assert len(seen) > 30
    for pattern in seen:
        assert pattern.compiled is not None, pattern.owner


def test_a_url_of_a_configured_service_from_an_sdk_object_picks_no_destination():
    """python3-saml's `auth.login()` answers the identity provider's sign-on URL from the settings;
    the request's data rides in its query string. The object may come from a helper that returns
    it in a tuple. A redirect to a request value beside it is still reported."""
    code = textwrap.dedent("""
        from django.http import HttpResponseRedirect
        from onelogin.saml2.auth import OneLogin_Saml2_Auth

        def saml_auth(request):
            data = {"get_data": request.GET.copy(), "http_host": request.META["HTTP_HOST"]}
            return data["http_host"], OneLogin_Saml2_Auth(data, SETTINGS)

        def sso(request):
            url, auth = saml_auth(request)
            if "relay" in request.GET:
                return HttpResponseRedirect(request.GET["relay"])
            return HttpResponseRedirect(auth.login())

        def slo(request):
            auth = OneLogin_Saml2_Auth({"get_data": request.GET.copy()}, SETTINGS)
            return HttpResponseRedirect(auth.logout(name_id=request.GET.get("n")))
    """)
    found = [(f.rule_id, f.line) for f in taint_findings(code) if f.rule_id == "taint.python.open-redirect"]
    assert found == [("taint.python.open-redirect", 12)]
