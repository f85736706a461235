"""The value questions behind `string-built`, `from-regex`, `uses-regex` and `any` conditions."""

import re

import pytest

from railguard.config import default_config
from railguard.engine.analyzers.conditions import parse_conditions
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.engine.localflow.origins import flows_from, is_string_built, masked_text
from railguard.rules.loader import load_rules

SOURCE = re.compile(r"request\.(args|form|get_json)")


def _last_call_arg(code: str, index: int = 0):
    doc = Document("t.py", code.encode())
    calls = []
    stack = [doc.tree.root_node]
    while stack:
        n = stack.pop()
        if n.type == "call" and doc.node_text(n.child_by_field_name("function")) == "sink":
            calls.append(n)
        stack.extend(n.children)
    call = max(calls, key=lambda n: n.start_byte)
    return call.child_by_field_name("arguments").named_children[index], doc


@pytest.mark.parametrize("code, built", [
    ('def f(uid):\n    sink(f"SELECT * FROM t WHERE id = {uid}")\n', True),
    ('def f(uid):\n    q = "SELECT * FROM t WHERE id = %s" % uid\n    sink(q)\n', True),
    ('def f(uid):\n    sink("SELECT {}".format(uid))\n', True),
    ('def f(uid):\n    sql = "SELECT * FROM t"\n    sql += " WHERE id = " + uid\n    sink(sql)\n', True),
    ('def f(uid):\n    sink(f"SELECT * FROM t WHERE id = {int(uid)}")\n', False),
    ('def f(uid):\n    base = "SELECT * FROM t"\n    sink(base + " WHERE a = 1")\n', False),
    ('def f(sql):\n    sink(sql)\n', False),
    ('def f():\n    sink("SELECT 1")\n', False),
    ('def f(a, b):\n    sink(a % b)\n', False),
])
def test_string_built(code, built):
    node, doc = _last_call_arg(code)
    assert is_string_built(node, doc) is built


@pytest.mark.parametrize("code, flows", [
    ('def f():\n    name = request.args.get("n")\n    sink(name)\n', True),
    ('def f():\n    data = request.get_json()\n    item = data["item"]\n    sink(f"x{item}")\n', True),
    ('def f():\n    for row in request.form.getlist("r"):\n        sink(row)\n', True),
    ('def f():\n    with open(request.args["p"]) as fh:\n        sink(fh)\n', True),
    ('def f():\n    n = int(request.args["n"])\n    sink(n)\n', False),
    ('def f():\n    sink("request.args")\n', False),
    ('def f(name):\n    sink(name)\n', False),
    ('def f():\n    name = request.args.get("n")\n    sink(shlex.quote(name))\n', False),
    ('def g():\n    name = request.args.get("n")\n\ndef f(name):\n    sink(name)\n', False),
])
def test_flows_from(code, flows):
    node, doc = _last_call_arg(code)
    assert flows_from(node, doc, SOURCE, frozenset({"shlex.quote"})) is flows


@pytest.mark.parametrize("code, flows", [
    # the client chooses the keys
    ('def f():\n    sink(request.get_json())\n', True),
    ('def f():\n    data = json.loads(request.form["extra"])\n    sink(data)\n', True),
    ('def f():\n    data = request.form.to_dict()\n    data["user"] = me\n    sink(data)\n', True),
    ('def f():\n    sink({**request.get_json(), "owner": me})\n', True),
    ('def f():\n    sink({k: v for k, v in request.form.items()})\n', True),
    ('def f():\n    doc = yaml.safe_load(request.form["doc"])\n    sink(doc)\n', True),
    # the code chooses them: a dict literal's keys, keyword arguments, another call's result
    ('def f():\n    kw = {"data": request.form, "owner": me}\n    sink(kw)\n', False),
    ('def f():\n    kw = dict(data=request.form, owner=me)\n    sink(kw)\n', False),
    ('def f():\n    reply = http.post(URL, data=request.form).json()\n    sink(reply)\n', False),
    ('def f():\n    hook = Hook.parse(request.args)\n    sink(hook.options)\n', False),
    ('def f():\n    sink({k: request.form[k] for k in ALLOWED})\n', False),
])
def test_flows_from_keys_only(code, flows):
    node, doc = _last_call_arg(code)
    assert flows_from(node, doc, SOURCE, keys_only=True) is flows


def test_masked_text_hides_string_content_and_safe_calls():
    node, doc = _last_call_arg('sink("password: %s", user, len(token), password)\n')
    text = masked_text(node.parent, doc)
    assert "password" in text and "token" not in text and "password:" not in text


def test_any_condition_parses_and_rejects_mixed_keys():
    (cond,) = parse_conditions([{"any": [{"capture": "a", "regex": "x"}, {"capture": "b", "regex": "y"}]}])
    assert len(cond.any_of) == 2
    with pytest.raises(ValueError, match="stands alone"):
        parse_conditions([{"any": [{"capture": "a", "regex": "x"}], "capture": "a"}])
    with pytest.raises(ValueError, match="any"):
        parse_conditions([{"any": []}])
    with pytest.raises(ValueError, match="string-built must be true or false"):
        parse_conditions([{"capture": "a", "string-built": "yes"}])


def test_new_conditions_drive_a_query_rule(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: custom.sink\n"
        "    languages: [python]\n"
        "    severity: high\n"
        "    message: sink\n"
        "    query: '(call function: (identifier) @f arguments: (argument_list . (_) @arg) (#eq? @f \"sink\")) @match'\n"
        "    where:\n"
        "      - any:\n"
        "          - {capture: arg, string-built: true}\n"
        "          - {capture: arg, from-regex: 'request\\.args'}\n"
    )
    engine = Engine(default_config(str(tmp_path)), load_rules([pack], bundled=False))
    code = (
        "def f(x):\n"
        "    sink(f'a{x}')\n"              # built
        "    sink(request.args['q'])\n"    # from a source
        "    sink(x)\n"                    # neither
        "    sink('a' + 'b')\n"            # constant
    )
    lines = sorted(f.line for f in engine.scan_document(Document("t.py", code.encode())).findings)
    assert lines == [2, 3]


@pytest.mark.parametrize("code, constant", [
    ('def f(t):\n    if t not in ALLOWED:\n        abort(400)\n    sink(f"SELECT * FROM {t}")\n', True),
    ('def f(t):\n    if t not in ALLOWED:\n        log(t)\n    sink(f"SELECT * FROM {t}")\n', False),
    ('def f(t):\n    if t in ALLOWED:\n        sink(f"SELECT * FROM {t}")\n', True),
    ('def f(t):\n    t = t if t in {"a", "b"} else "a"\n    sink(f"SELECT * FROM {t}")\n', True),
    ('COLS = {"name": "u.name", "age": "u.age"}\n'
     'def f(k):\n    col = COLS.get(k, "u.id")\n    sink(f"SELECT * ORDER BY {col}")\n', True),
    ('COLS = {"name": "u.name"}\ndef f(k):\n    sink(f"SELECT * ORDER BY {COLS[k]}")\n', True),
    ('def f(k, cols):\n    sink(f"SELECT * ORDER BY {cols[k]}")\n', False),
])
def test_allow_listed_values_are_constant(code, constant):
    node, doc = _last_call_arg(code)
    assert is_string_built(node, doc) is not constant


def test_a_rebinding_in_a_branch_keeps_the_value_non_constant():
    code = 'def f(t):\n    t = "a"\n    if x:\n        t = g()\n    sink(f"SELECT {t}")\n'
    node, doc = _last_call_arg(code)
    assert is_string_built(node, doc)


def test_decorator_regex_reads_the_decorators_of_the_enclosing_function(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: custom.in-route\n"
        "    languages: [python]\n"
        "    severity: high\n"
        "    message: sink in a route\n"
        "    query: '(call function: (identifier) @f (#eq? @f \"sink\")) @match'\n"
        "    where:\n"
        "      - {capture: match, decorator-regex: '\\.route\\(', not-decorator-regex: 'cli'}\n"
    )
    engine = Engine(default_config(str(tmp_path)), load_rules([pack], bundled=False))
    code = (
        "@app.route('/a')\n"
        "def a():\n"
        "    sink()\n"                  # in a route
        "def b():\n"
        "    sink()\n"                  # no decorator
        "@cli.command()\n"
        "@app.route('/c')\n"
        "def c():\n"
        "    sink()\n"                  # excluded by not-decorator-regex
        "@app.route('/d')\n"
        "def d():\n"
        "    def inner():\n"
        "        sink()\n"              # the enclosing function is inner, undecorated
    )
    lines = sorted(f.line for f in engine.scan_document(Document("t.py", code.encode())).findings)
    assert lines == [3]


def _branch_rule_engine(tmp_path, language: str, query: str, condition: str):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: custom.literal-compare\n"
        f"    languages: [{language}]\n"
        "    severity: high\n"
        "    message: compared with a literal\n"
        f"    query: '{query}'\n"
        "    where:\n"
        f"      - {{capture: match, {condition}}}\n"
    )
    return Engine(default_config(str(tmp_path)), load_rules([pack], bundled=False))


def test_branch_regex_reads_the_branch_a_python_condition_controls(tmp_path):
    only_warns = "not-branch-regex: '^((log|logger|warnings)\\.warn\\w*\\([^\\n]*(\\n|$))+$'"
    engine = _branch_rule_engine(tmp_path, "python", "(comparison_operator (identifier) (string)) @match", only_warns)
    code = (
        "def f(pw, log):\n"
        "    if pw == 'admin':\n"                                  # 2: only warns
        "        log.warning(\n            'change the default password')\n"
        "    if pw == 'admin':\n"                                  # 5: warns, then grants
        "        log.warning('default password')\n"
        "        return grant()\n"
        "    if pw == 'admin':\n"                                  # 8: the warning is in the else
        "        return grant()\n"
        "    else:\n"
        "        log.warning('x')\n"
        "    ok = grant() if pw == 'admin' else None\n"           # 12: a ternary choosing grant()
        "    ok = log.warn('x') if pw == 'admin' else None\n"     # 13: a ternary choosing a warning
        "    return pw == 'admin'\n"                              # 14: no branch at all
    )
    lines = sorted(f.line for f in engine.scan_document(Document("t.py", code.encode())).findings)
    assert lines == [5, 8, 12, 14]


def test_branch_regex_on_javascript_blocks_and_single_statements(tmp_path):
    engine = _branch_rule_engine(
        tmp_path, "javascript", "(binary_expression (member_expression) (string)) @match",
        "branch-regex: '\\bres\\.(json|send|cookie)\\('")
    code = (
        "function f(cfg, req, res) {\n"
        "  if (cfg.user === 'admin' && cfg.password === 'pass') {\n"   # 2: two matches, only a warning
        "    // the default account\n"
        "    console.warn('change the default credentials');\n"
        "  }\n"
        "  if (req.body.password === 'hunter22') res.json({ ok: true });\n"  # 6: grants
        "  if (req.body.password === 'hunter22') {\n"                  # 7: grants, over several lines
        "    res.cookie('sid',\n      newSession());\n"
        "  }\n"
        "}\n"
    )
    lines = sorted(f.line for f in engine.scan_document(Document("t.js", code.encode())).findings)
    assert lines == [6, 7]


def test_branch_text_joins_each_statement_into_one_line():
    from railguard.engine.analyzers.conditions import branch_text

    code = "if pw == 'x':\n    # note\n    log.warning(\n        'a',\n        'b')\n    deny()\n"
    doc = Document("t.py", code.encode())
    cmp = doc.tree.root_node.named_children[0].child_by_field_name("condition")
    assert branch_text(cmp, doc) == "log.warning( 'a', 'b')\ndeny()"
    body_call = doc.tree.root_node.named_children[0].child_by_field_name("consequence").named_children[-1]
    assert branch_text(body_call, doc) == ""


@pytest.mark.parametrize("path, code, heads", [
    ("t.js", "sink(base + '?next=' + req.query.next);", ["base"]),
    ("t.js", "sink(`${base}/items#${req.query.a}`);", ["base"]),
    ("t.js", "sink(`${req.query.base}?page=${p}`);", ["req.query.base"]),
    ("t.js", "sink('https://' + req.query.host + '/x?y=1');", ["req.query.host"]),
    ("t.js", "sink('/login?next=' + req.query.next);", []),
    ("t.js", "sink(req.query.next || '/');", ["req.query.next || '/'"]),
    ("t.py", "sink(f'{base}/x?next={nxt}')\n", ["base"]),
    ("t.py", "sink(root + ('/a' + nxt) + '#top')\n", ["root", "nxt"]),
])
def test_leading_parts_stop_at_the_query_string(path, code, heads):
    from railguard.engine.localflow.origins import leading_parts

    doc = Document(path, code.encode())
    stack, call = [doc.tree.root_node], None
    while stack:
        n = stack.pop()
        if n.type in ("call", "call_expression"):
            call = n
            break
        stack.extend(n.children)
    arg = call.child_by_field_name("arguments").named_children[0]
    assert [doc.node_text(p) for p in leading_parts(arg, doc, re.compile("[?#]"))] == heads


def test_value_before_regex_reads_only_the_leading_parts(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: custom.redirect\n"
        "    languages: [javascript]\n"
        "    severity: high\n"
        "    message: redirect\n"
        "    query: '(call_expression function: (identifier) @f arguments: (arguments . (_) @url) (#eq? @f \"go\")) @match'\n"
        "    where:\n"
        "      - {capture: url, value-regex: '^req\\.query', value-before-regex: '[?#]'}\n"
    )
    engine = Engine(default_config(str(tmp_path)), load_rules([pack], bundled=False))
    code = (
        "function f(req, base) {\n"
        "  const next = req.query.next;\n"
        "  go(base + '?next=' + next);\n"      # 3: only in the query string
        "  go(next + '?from=f');\n"            # 4: the destination itself
        "  go(next);\n"                        # 5: not put together
        "}\n"
    )
    lines = sorted(f.line for f in engine.scan_document(Document("t.js", code.encode())).findings)
    assert lines == [4, 5]
