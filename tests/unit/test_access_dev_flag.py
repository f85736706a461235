"""Routes registered only in development (intent.dev_only, datalayers.yaml `dev-flag`): the branch of an
`if` on a development flag, in JavaScript and Python. The `else` branch, a negated flag and words
that only start like one are not."""

from __future__ import annotations

import pytest

from railguard.engine.access import intent
from railguard.engine.access.tree import find
from railguard.engine.document import Document

JS_DEV = [
    "process.env.NODE_ENV === 'development'",
    "'development' === process.env.NODE_ENV",
    "process.env.NODE_ENV !== 'production'",
    "app.get('env') === 'development'",
    "nconf.get('isDev')",
    "isDev",
    "isDevelopment",
]
JS_NOT_DEV = [
    "process.env.NODE_ENV !== 'development'",
    "process.env.NODE_ENV === 'production'",
    "!isDev",
    "isDevice",
    "req.query.mode === 'dev'",
    "user.isAdmin",
]


def _doc(path: str, text: str) -> Document:
    return Document(path, text.encode())


def _route_call(doc: Document):
    return next(c for c in find(doc, doc.tree.root_node, {"call_expression"}) if doc.node_text(c).startswith("app.post"))


@pytest.mark.parametrize("cond", JS_DEV)
def test_a_route_in_the_branch_of_a_development_flag_is_development_only(cond):
    doc = _doc("app.js", f"if ({cond}) {{\n  app.post('/debug/flush', (req, res) => res.json({{}}));\n}}\n")
    assert intent.dev_only(doc, _route_call(doc))


@pytest.mark.parametrize("cond", JS_NOT_DEV)
def test_other_conditions_are_not_a_development_flag(cond):
    doc = _doc("app.js", f"if ({cond}) {{\n  app.post('/debug/flush', (req, res) => res.json({{}}));\n}}\n")
    assert not intent.dev_only(doc, _route_call(doc))


def test_the_else_branch_of_a_development_flag_runs_in_production():
    doc = _doc("app.js", "if (isDev) {\n  log('dev');\n} else {\n  app.post('/flush', (req, res) => res.json({}));\n}\n")
    assert not intent.dev_only(doc, _route_call(doc))


def test_python_debug_settings_guard_a_route_registration():
    doc = _doc("urls.py", "if settings.DEBUG:\n    urlpatterns += [path('debug/', views.debug)]\n")
    call = next(c for c in find(doc, doc.tree.root_node, {"call"}) if doc.node_text(c).startswith("path("))
    assert intent.dev_only(doc, call)
