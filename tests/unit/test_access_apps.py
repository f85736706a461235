"""The access analyzer on the annotated mini applications: every route is found, and each
decision (protected / unprotected / public) is the annotated one."""

from __future__ import annotations

import pytest

from tests.access_support import APPS, by_framework, evaluate_app, frameworks

APP_NAMES = [p.name for p in frameworks()]


def test_every_framework_has_a_mini_application():
    assert set(APP_NAMES) >= {"flask", "fastapi", "django", "express", "spring"}


@pytest.fixture(scope="module")
def results():
    return {name: evaluate_app(APPS / name) for name in APP_NAMES}


@pytest.mark.parametrize("name", APP_NAMES)
def test_every_annotated_route_is_found(results, name):
    missing = results[name].missing
    assert not missing, f"annotated but no route found: {missing}"


@pytest.mark.parametrize("name", APP_NAMES)
def test_every_found_route_is_annotated(results, name):
    unannotated = [(c.path, c.line, c.describe) for c in results[name].checks if not c.expected]
    assert not unannotated, f"routes without an `expect:` annotation: {unannotated}"


@pytest.mark.parametrize("name", APP_NAMES)
def test_each_route_decision_matches_its_annotation(results, name):
    wrong = [f"{c.path}:{c.line} {c.describe}: expected {c.expected}, reported={c.reported} ({c.reason})"
             for c in results[name].checks if c.reported != (c.expected == "unprotected")]
    assert not wrong, "\n".join(wrong)


def test_precision_and_recall_per_framework_reach_the_target(results):
    grouped = by_framework(list(results.values()))
    assert {"flask", "fastapi", "django", "drf", "express", "spring", "graphql"} <= set(grouped)
    for name, r in grouped.items():
        assert r.tp > 0, f"{name}: no unprotected route in the mini application"
        assert r.precision >= 0.9 and r.recall >= 0.9, f"{name}: precision {r.precision:.2f} recall {r.recall:.2f}"


def test_cross_file_guards_need_the_project_index():
    """Without the index, guards defined in other modules are unknown: more routes look unprotected."""
    single = evaluate_app(APPS / "flask", project=False)
    project = evaluate_app(APPS / "flask", project=True)
    guarded_elsewhere = {(c.path, c.line) for c in single.checks if c.reported and c.expected == "protected"}
    assert ("app/admin/views.py", 24) in guarded_elsewhere  # admin blueprint, before_request in admin/__init__.py
    assert project.fp == 0
