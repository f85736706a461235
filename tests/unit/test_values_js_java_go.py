"""is_constant / resolved_values / context_names on JavaScript, TypeScript, Java and Go."""

from __future__ import annotations

import pytest

from railguard.engine.document import Document
from railguard.engine.localflow.constants import is_constant, resolved_values
from railguard.engine.localflow.naming import context_names
from railguard.engine.localflow.origins import flow_texts


def _find(doc: Document, marker: str):
    """The smallest named node whose text is exactly `marker` (first occurrence)."""
    start = doc.text.encode().index(marker.encode())
    node = doc.tree.root_node.named_descendant_for_byte_range(start, start + len(marker.encode()))
    while node is not None and doc.node_text(node) != marker:
        node = node.parent
    assert node is not None, marker
    return node


@pytest.mark.parametrize(("path", "source", "expr", "expected"), [
    # TypeScript: `as`, `!` and `satisfies` are looked through
    ("a.ts", 'const q = "SELECT 1" as string;\nrun(q as string);', "q as string", True),
    ("a.ts", "function f(id: string) { run(id!); }", "id!", False),
    ("a.ts", 'const base = "/srv";\nrun(`${base}/x` satisfies string);', "`${base}/x` satisfies string", True),
    ("a.tsx", "const f = (req: Request) => run(`id=${req.query.id}`);", "`id=${req.query.id}`", False),
    # Java: a numeric cast is safe, a String cast is not; fields declared after the method count
    ("A.java", "class A { void f(Object o) { run((int) o); } }", "(int) o", True),
    ("A.java", "class A { void f(Object o) { run((String) o); } }", "(String) o", False),
    ("A.java", 'class A { void f() { run(SQL + "x"); } static final String SQL = "SELECT 1"; }',
     'SQL + "x"', True),
    ("A.java", 'class A { void f(String n) { run("a" + n); } }', '"a" + n', False),
    # Go: package-level constants declared after their use count
    ("a.go", 'package a\nfunc f() { run(q + "x") }\nconst q = "SELECT 1"\n', 'q + "x"', True),
    ("a.go", 'package a\nfunc f(id string) { run("x" + id) }\n', '"x" + id', False),
])
def test_is_constant(path, source, expr, expected):
    doc = Document.from_text(path, source)
    assert is_constant(_find(doc, expr), doc) is expected


def test_resolved_values_follow_local_assignments_and_wrappers():
    doc = Document.from_text("a.ts", 'function f(id: string) {\n  const q = "SELECT " + id;\n  const r = q;\n'
                             "  db.query((r as string));\n}\n")
    node = _find(doc, "(r as string)")
    assert [v.type for v in resolved_values(node, doc)] == ["binary_expression"]


def test_resolved_values_of_a_parameter_is_empty():
    doc = Document.from_text("a.go", "package a\nfunc f(q string) { db.Query(q) }\n")
    calls = [n for n in _iter(doc.tree.root_node) if n.type == "argument_list"]
    assert resolved_values(calls[-1].named_children[0], doc) == []


def _iter(node):
    yield node
    for c in node.children:
        yield from _iter(c)


@pytest.mark.parametrize(("path", "source", "expr", "name"), [
    ("a.js", "const makeToken = () => Math.random().toString(36);", "Math.random()", "makeToken"),
    ("a.ts", "class S { sessionId = Math.random(); }", "Math.random()", "sessionId"),
    ("a.go", "package a\nvar resetToken = rand.Int63()\n", "rand.Int63()", "resetToken"),
])
def test_context_names(path, source, expr, name):
    doc = Document.from_text(path, source)
    assert name in context_names(_find(doc, expr), doc)


@pytest.mark.parametrize(("path", "source", "expr", "needle"), [
    # an Express handler: the URL is assigned from req.query two steps away
    ("a.js", "app.get('/p', (req, res) => {\n  const target = req.query.url;\n  const u = target + '/x';\n"
     "  fetch(u);\n});", "fetch(u)", "req.query.url"),
    # Spring: the parameter's annotation is part of the flow
    ("A.java", "class A { String f(@RequestParam String url) { return rest.getForObject(url, String.class); } }",
     "rest.getForObject(url, String.class)", "@RequestParam String url"),
    # Go net/http
    ("a.go", 'package a\nfunc h(w http.ResponseWriter, r *http.Request) {\n  p := r.URL.Query().Get("f")\n'
     "  os.ReadFile(filepath.Join(root, p))\n}\n", "os.ReadFile(filepath.Join(root, p))", 'r.URL.Query().Get("f")'),
])
def test_flow_texts_reach_the_source(path, source, expr, needle):
    doc = Document.from_text(path, source)
    assert any(needle in t for t in flow_texts(_find(doc, expr), doc))


def test_flow_texts_do_not_cross_into_other_functions():
    doc = Document.from_text("a.js", "function a(req) { const u = req.query.x; }\nfunction b(u) { fetch(u); }\n")
    texts = flow_texts(_find(doc, "fetch(u)"), doc)
    assert not any("req.query" in t for t in texts)
    assert "u" in texts  # the parameter of b, nothing more


def test_go_byte_conversion_and_slice_literal_are_constant():
    doc = Document.from_text("a.go", 'package a\nfunc f() { g([]byte("k"), []byte{1, 2}) }\n')
    assert is_constant(_find(doc, '[]byte("k")'), doc)
    assert is_constant(_find(doc, "[]byte{1, 2}"), doc)


def test_destructuring_follows_the_whole_value():
    doc = Document.from_text("a.ts", "export async function POST(req: Request) {\n"
                             "  const { url, n: count } = await req.json();\n  fetch(url);\n}\n")
    assert any("req.json()" in t for t in flow_texts(_find(doc, "fetch(url)"), doc))
    assert not is_constant(_find(doc, "fetch(url)").child_by_field_name("arguments").named_children[0], doc)
    doc = Document.from_text("a.js", 'const { a } = { a: "x" };\nrun(a);\n')
    assert is_constant(_find(doc, "run(a)").child_by_field_name("arguments").named_children[0], doc)
