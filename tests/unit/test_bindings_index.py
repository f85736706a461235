"""Name lookups in one scope share one walk of it (localflow/bindings.py)."""

from __future__ import annotations

from railguard.engine.document import Document
from railguard.engine.localflow.bindings import assigned_values

N = 400


def _uses(doc: Document, name_prefix: str) -> list:
    out, stack = [], [doc.tree.root_node]
    while stack:
        n = stack.pop()
        if n.type == "identifier" and doc.node_text(n).startswith(name_prefix) and n.parent.type == "argument_list":
            out.append(n)
        stack.extend(n.children)
    return sorted(out, key=lambda n: n.start_byte)


def test_every_name_of_a_long_function_is_found_with_one_walk_of_it():
    body = "".join(f"    v{i} = {i}\n    use(v{i})\n" for i in range(N))
    text = f"def big(items):\n{body}    for loop_var in items:\n        use(loop_var)\n    use(items)\n"
    doc = Document.from_text("big.py", text)
    uses = _uses(doc, "v")
    assert len(uses) == N
    for i, ident in enumerate(uses):
        assert [doc.node_text(v) for v in assigned_values(ident, doc)] == [str(i)]
    # a name bound by a loop, or a parameter: no assigned value
    assert assigned_values(_uses(doc, "loop_var")[0], doc) == []
    assert assigned_values(_uses(doc, "items")[0], doc) == []
    # one walk per scope (the function, then the module for the names not found there)
    assert len(doc.__dict__["_railguard_scope_sites"]) <= 2


def test_a_later_assignment_and_a_similar_name_are_not_taken():
    text = "def f():\n    value_x = 1\n    use(value)\n    value = 2\n    valuex = 3\n    use(value)\n"
    doc = Document.from_text("f.py", text)
    first, second = _uses(doc, "value")
    assert assigned_values(first, doc) == []  # assigned only after this use
    assert [doc.node_text(v) for v in assigned_values(second, doc)] == ["2"]
