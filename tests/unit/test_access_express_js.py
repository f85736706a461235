"""The access analyzer on Express and NestJS applications shaped like real ones (tests/fixtures/access_js_apps/).

Each route carries `// access: KIND CONFIDENCE` on the line above its first line: `none`, or
`missing-auth high|medium|low` (the confidence a `missing-auth` finding must have: `low` is shown in
the editor only, medium and high fail CI), or `idor high|medium|low` (an object loaded by a request id
without an owner check, in the handler the route names: inline, or in another module, express_handlers.py). The whole application is indexed, as `railguard scan`
does, then each file is analysed; a route whose finding differs from its annotation fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from railguard.config import default_config
from railguard.engine.access.core import analyze_document
from railguard.engine.analyzers.access import AccessAnalyzer
from railguard.engine.analyzers.base import ScanContext
from railguard.engine.document import Document
from railguard.rules.loader import load_rules
from railguard.vcs import collect_files

APPS = Path(__file__).resolve().parent.parent / "fixtures" / "access_js_apps"
ANNOTATION = re.compile(r"//\s*access:\s*(none|(?:missing-auth|idor)\s+(?:high|medium|low))\s*$")


def _analyse(folder: Path) -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], str], set[tuple[str, int]]]:
    config = default_config(folder)
    rules = [r for r in load_rules().rules if r.analyzer == "access"]
    analyzer = AccessAnalyzer(rules, config)
    files, _ = collect_files([str(folder)], config)
    project = analyzer.prepare([(f.location, f.path) for f in files], config)
    context = ScanContext(config, str(folder), project={"access": project})
    expected: dict[tuple[str, int], str] = {}
    found: dict[tuple[str, int], str] = {}
    routes: set[tuple[str, int]] = set()
    for sf in files:
        doc = Document(sf.path, sf.read())
        for i, line in enumerate(doc.text.splitlines()):
            m = ANNOTATION.search(line)
            if m:
                expected[(sf.path, i + 1)] = " ".join(m.group(1).split())
        if not analyzer.applies_to(doc):
            continue
        routes |= {(sf.path, r.anchor_line) for r in analyze_document(doc, analyzer.model, project).routes}
        for route, finding in analyzer.route_findings(doc, context):
            if route is not None and finding.rule_id.endswith("route-without-auth"):
                found[(sf.path, route.anchor_line)] = f"missing-auth {finding.confidence.name.lower()}"
            elif route is not None and finding.rule_id.endswith("idor-object-lookup-without-owner-check"):
                found[(sf.path, route.anchor_line)] = f"idor {finding.confidence.name.lower()}"
    return expected, found, routes


@pytest.mark.parametrize("app", sorted(p.name for p in APPS.iterdir() if p.is_dir()))
def test_missing_auth_findings_and_confidence_match_the_annotations(app):
    expected, found, routes = _analyse(APPS / app)
    assert expected, f"{app}: no annotated routes"
    problems = []
    for key, want in sorted(expected.items()):
        if key not in routes:
            problems.append(f"{key[0]}:{key[1] + 1} route not found")
        elif found.get(key, "none") != want:
            problems.append(f"{key[0]}:{key[1] + 1} expected {want}, got {found.get(key, 'none')}")
    extra = [f"{k[0]}:{k[1] + 1} unexpected {v}" for k, v in found.items() if k not in expected]
    assert not problems + extra, "\n".join(problems + extra)


@pytest.mark.parametrize("name", ["webpack.config.js", "jsx/webpack.config.js", "webpack.dev.js", "vite.config.ts",
                                  "frontend/vite.config.mjs", "src/setupProxy.js", "rollup.config.mjs"])
def test_a_build_tool_configuration_holds_no_routes(name):
    # a dev server's canned API in the build configuration; the same code in the server file is a route
    text = ('const express = require("express");\nmodule.exports = { devServer: { setupMiddlewares(m, d) {\n'
            '  const app = d.app;\n  app.delete("/api/users/:id", (req, res) => { res.status(204).end(); });\n  return m; } } };\n')
    config = default_config(Path("."))
    analyzer = AccessAnalyzer([r for r in load_rules().rules if r.analyzer == "access"], config)
    assert not analyze_document(Document(name, text.encode()), analyzer.model, {}).routes
    assert analyze_document(Document("server/app.js", text.encode()), analyzer.model, {}).routes
