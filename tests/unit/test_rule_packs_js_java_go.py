"""The JavaScript/TypeScript, Java and Go packs: size, metadata, and that every query compiles
for every grammar it runs on (a JavaScript rule that does not compile for TypeScript would be
dropped silently for .ts files)."""

from __future__ import annotations

from functools import cache

import pytest
from tree_sitter import Query

from railguard.engine.languages import get_language
from railguard.rules.loader import load_rules

MINIMUM = {"javascript": 35, "java": 30, "go": 20}


@cache
def _pack(name: str) -> tuple:
    return tuple(r for r in load_rules().rules if r.pack == name)


@pytest.mark.parametrize(("pack", "minimum"), MINIMUM.items())
def test_pack_size_and_ids(pack, minimum):
    rules = _pack(pack)
    assert len(rules) >= minimum
    assert all(r.id.startswith(pack + ".") for r in rules)


@pytest.mark.parametrize("pack", MINIMUM)
def test_every_rule_is_documented(pack):
    for r in _pack(pack):
        assert r.cwe and r.owasp and r.tags, r.id
        assert r.docs.what and r.docs.why and r.docs.example and r.docs.instead, r.id
        for cwe in r.cwe:
            assert any(f"cwe.mitre.org/data/definitions/{cwe}.html" in ref for ref in r.docs.references), r.id


@pytest.mark.parametrize("grammar", ["javascript", "typescript", "tsx"])
def test_javascript_rules_compile_for_typescript_and_tsx(grammar):
    language = get_language(grammar)
    for r in _pack("javascript"):
        if grammar == "typescript" and "jsx_" in r.matcher["query"]:
            continue  # JSX cannot occur in .ts files
        Query(language, r.matcher["query"])


@pytest.mark.parametrize("pack", ["java", "go"])
def test_java_and_go_rules_compile(pack):
    language = get_language(pack)
    for r in _pack(pack):
        Query(language, r.matcher["query"])


@pytest.mark.parametrize(("path", "source", "rule_id"), [
    ("client.go", 'package a\nimport "crypto/tls"\nvar c = &tls.Config{InsecureSkipVerify: true}\n',
     "go.tls-insecure-skip-verify"),
    ("agent.ts", 'import https from "https";\nexport const a = new https.Agent({ rejectUnauthorized: false });\n',
     "javascript.tls-reject-unauthorized"),
    ("Tls.java", "import javax.net.ssl.SSLContext;\nclass T { void f() throws Exception { SSLContext.getInstance(\"TLSv1\"); } }\n",
     "java.tls-old-protocol"),
])
def test_test_files_are_left_alone(path, source, rule_id):
    """Tests turn TLS checks off and use weak keys on purpose; the same code elsewhere is reported."""
    from railguard.config import default_config
    from railguard.engine.document import Document
    from railguard.engine.engine import Engine

    engine = Engine(default_config("."))
    stem, dot, ext = path.rpartition(".")
    test_path = {"go": f"{stem}_test.go", "ts": f"{stem}.spec.ts", "java": f"src/test/java/{stem}Test.java"}[ext]
    found = {f.rule_id for f in engine.scan_document(Document.from_text(path, source), "ci").findings}
    in_test = {f.rule_id for f in engine.scan_document(Document.from_text(test_path, source), "ci").findings}
    assert rule_id in found
    assert rule_id not in in_test
