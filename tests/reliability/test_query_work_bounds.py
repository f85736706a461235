"""Every bundled query rule does bounded work on the shapes that made tree-sitter queries
explode on real code: minified bundles (one string literal of thousands of escaped fragments),
long operator chains, long argument lists, large object and dict literals.

The bound is on work, not seconds: tree-sitter keeps one in-progress state per partial match,
and a pattern whose partial matches pile up on such input (O(n) states, O(n^2) or worse steps)
needs more than `MATCH_LIMIT` of them at once, which the cursor reports. A pattern written so
that a partial match fails at the first child that cannot start it never does.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tree_sitter import Parser, Query, QueryCursor, QueryError

from railguard.engine.languages import get_language, rule_languages_for
from railguard.rules.loader import load_rules

N = 300  # large enough for a quadratic pattern to need hundreds of states, small enough to parse fast
MATCH_LIMIT = 64


def _js_shapes(n: int) -> dict[str, str]:
    escaped = "".join(f'{{\\"name\\":\\"k{i}\\",\\"v\\":\\"a\\\\nb\\"}},' for i in range(n))
    return {
        "minified JSON.parse string": f"var g=JSON.parse('{escaped}');res.setHeader('x',JSON.parse('{escaped}'));",
        "concatenation chain": "res.send(" + " + ".join(f'"a{i}" + x{i}' for i in range(n)) + ");",
        "long argument list": "f(" + ",".join(f'"s{i}"' for i in range(n)) + ");",
        "template with substitutions": "q(`" + "".join(f"a${{x{i}}}" for i in range(n)) + "`);",
        "large object literal": "x({" + ",".join(f'k{i}:"v{i}"' for i in range(n)) + "});",
        "comparison chain": "if (" + " && ".join(f"a{i} === b{i}" for i in range(n)) + ") {}",
    }


def _python_shapes(n: int) -> dict[str, str]:
    return {
        "concatenation chain": "os.system(" + " + ".join(f'"a{i}" + x{i}' for i in range(n)) + ")\n",
        "implicit concatenation": "cur.execute(" + " ".join(f'"a{i}\\n"' for i in range(n)) + ")\n",
        "escaped string": 'eval("' + "".join(f"a\\n\\x41{i}" for i in range(n)) + '")\n',
        "f-string": 'cur.execute(f"' + "".join(f"a{{x{i}}}" for i in range(n)) + '")\n',
        "long argument list": "f(" + ",".join(f'"s{i}"' for i in range(n)) + ")\n",
        "large dict literal": "x = {" + ",".join(f'"k{i}": "v{i}"' for i in range(n)) + "}\n",
        "percent format": 'cur.execute("' + "%s" * n + '" % (' + ",".join(f"x{i}" for i in range(n)) + "))\n",
        "boolean chain": "if " + " and ".join(f"a{i} == b{i}" for i in range(n)) + ":\n    pass\n",
    }


def _java_shapes(n: int) -> dict[str, str]:
    return {
        "concatenation chain": "class A { void f() { Runtime.getRuntime().exec("
        + " + ".join(f'"a{i}" + x{i}' for i in range(n)) + "); } }",
        "long argument list": "class A { void f() { g(" + ",".join(f'"s{i}"' for i in range(n)) + "); } }",
    }


def _go_shapes(n: int) -> dict[str, str]:
    return {
        "concatenation chain": "package m\nfunc f() { exec.Command("
        + " + ".join(f'"a{i}" + x{i}' for i in range(n)) + ") }\n",
        "long argument list": "package m\nfunc f() { g(" + ",".join(f'"s{i}"' for i in range(n)) + ") }\n",
    }


SHAPES: dict[str, Callable[[int], dict[str, str]]] = {
    "javascript": _js_shapes, "typescript": _js_shapes, "tsx": _js_shapes,
    "python": _python_shapes, "java": _java_shapes, "go": _go_shapes,
}
# the grammars a rule of each language runs on (JavaScript rules also run on TypeScript and TSX)
GRAMMARS_FOR = {lang: [g for g in SHAPES if lang in rule_languages_for(g)] for lang in SHAPES}


def _query_rules():
    return sorted((r for r in load_rules().rules if "query" in r.matcher), key=lambda r: r.id)


@pytest.fixture(scope="module")
def trees():
    out = {}
    for grammar, shapes in SHAPES.items():
        parser = Parser(get_language(grammar))
        out[grammar] = {name: parser.parse(src.encode()) for name, src in shapes(N).items()}
    return out


def test_the_shapes_catch_an_exploding_pattern(trees):
    """The check can fail: a pattern of the kind that hung scans on minified bundles exceeds it."""
    language = get_language("javascript")
    exploding = Query(language, """(call_expression
        arguments: (arguments . (string (string_fragment) @header) . (_) @value)) @match""")
    cursor = QueryCursor(exploding, match_limit=MATCH_LIMIT)
    cursor.matches(trees["javascript"]["minified JSON.parse string"].root_node)
    assert cursor.did_exceed_match_limit


def test_every_query_rule_does_bounded_work(trees):
    rules = _query_rules()
    assert len(rules) > 200  # the bundled packs are all here
    over: list[str] = []
    for rule in rules:
        for lang in rule.languages:
            for grammar in GRAMMARS_FOR.get(lang, []):
                try:
                    query = Query(get_language(grammar), rule.matcher["query"])
                except QueryError:
                    if grammar == lang:
                        raise
                    continue  # a JavaScript rule about JSX has no meaning in plain TypeScript
                for shape, tree in trees[grammar].items():
                    cursor = QueryCursor(query, match_limit=MATCH_LIMIT)
                    cursor.matches(tree.root_node)
                    if cursor.did_exceed_match_limit:
                        over.append(f"{rule.id} on {grammar}: {shape}")
    assert not over, "query patterns whose partial matches pile up:\n" + "\n".join(over)


def test_a_minified_bundle_of_that_shape_is_scanned_and_its_finding_kept(tmp_path, capsys):
    """A bundle that embeds grammars as one escaped JSON.parse string (the shape that ran for
    minutes per file), brought back into the scan with --include: the rules still report on it."""
    from railguard.cli import main

    grammars = "".join(
        f'{{\\"scopeName\\":\\"source.k{i}\\",\\"patterns\\":[{{\\"match\\":\\"\\\\\\\\b(a|b)\\\\\\\\b\\"}}]}},'
        for i in range(1500)
    )
    bundle = tmp_path / "chunk.js"
    bundle.write_text(f"var g=JSON.parse('[{grammars}{{}}]');"
                      "res.setHeader('Access-Control-Allow-Origin',req.headers.origin);"
                      "res.setHeader('Access-Control-Allow-Credentials','true');\n")
    assert bundle.stat().st_size > 100_000
    code = main(["scan", str(bundle), "--include", "chunk.js", "--no-cache", "-f", "concise"])
    out = capsys.readouterr().out
    assert code == 1
    assert "javascript.cors-reflect-origin-header" in out
