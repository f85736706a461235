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
