"""Is an expression constant: built only from literals (following local assignments of plain names),
a lookup in a constant table, allow-listed by a membership check, or made safe by a cast?"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from railguard.engine.localflow.bindings import (
    JS_FUNCTIONS as _JS_FUNCTIONS,
)
from railguard.engine.localflow.bindings import (
    assigned_values,
    dominating_assignment,
    js_branch_assignment,
    parameter_declaration,
    py_bindings_in,
)
from railguard.engine.localflow.syntax import (
    MAX_DEPTH,
    SYNTAX,
    Syntax,
    call_name,
    enclosing_scope,
    name_key,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from tree_sitter import Node

    from railguard.engine.document import Document

_MODULE_PATHS = frozenset({"__dirname", "__filename"})
# the folders Windows itself names in every process's environment (`os.environ["WINDIR"]`)
_SYSTEM_FOLDER = re.compile(r"""os\.environ(?:\[|\.get\()\s*["'](?i:windir|systemroot|systemdrive|programfiles|programfiles\(x86\)|programdata|commonprogramfiles)["']\s*[\])]$""")
_PATH_JOINS = frozenset({"os.path.join", "path.join", "path.resolve", "filepath.Join", "Paths.get", "Path.of"})
# the executable a constant program name resolves to (`shutil.which("iptables", path=STDPATH)`:
# the search path only narrows where it is looked for)
_WHICH = frozenset({"shutil.which"})


def _literal_format(call: Node, doc: Document) -> Node | None:
    """The string literal of `"literal {0}".format(...)` (a plain literal, no f-string), else None."""
    fn = call.child_by_field_name("function")
    if fn is None or fn.type != "attribute" or doc.node_text(fn.child_by_field_name("attribute")) != "format":
        return None
    target = fn.child_by_field_name("object")
    if target is None or target.type != "string" or any(c.type == "interpolation" for c in target.named_children):
        return None
    return target


# per document: for each class (by node id), what its methods assign to each `self.<name>`
_CLASS_ATTRIBUTES: WeakKeyDictionary[Document, dict[int, dict[str, list[Node] | None]]] = WeakKeyDictionary()


def _self_attribute_values(node: Node, doc: Document) -> tuple[str, list[Node]] | None:
    """For `self.name` inside a class: a key and the values the class's methods assign to it.
    None when it is not such an attribute, is never assigned in the class, or is assigned in a
    way whose value cannot be read (unpacking, augmented assignment, setattr)."""
    obj, attr = node.child_by_field_name("object"), node.child_by_field_name("attribute")
    if obj is None or attr is None or obj.type != "identifier" or doc.node_text(obj) != "self":
        return None
    cls = node.parent
    while cls is not None and cls.type != "class_definition":
        cls = cls.parent
    body = cls.child_by_field_name("body") if cls is not None else None
    if cls is None or body is None:
        return None
    per_doc = _CLASS_ATTRIBUTES.setdefault(doc, {})
    table = per_doc.get(cls.id)
    if table is None:
        table = per_doc[cls.id] = _class_attributes(body, doc)
    name = doc.node_text(attr)
    values = table.get(name)
    return (f"self.{name}@{cls.id}", values) if values else None


def _class_attributes(body: Node, doc: Document) -> dict[str, list[Node] | None]:
    """One walk of a class body (nested classes left out): the values assigned to each
    `self.<name>`, None for a name also unpacked into or augmented; nothing at all when the class
    calls setattr (any name may be set)."""
    table: dict[str, list[Node] | None] = {}

    def self_name(target: Node) -> str:
        obj = target.child_by_field_name("object")
        if target.type == "attribute" and obj is not None and obj.type == "identifier" and doc.node_text(obj) == "self":
            return doc.node_text(target.child_by_field_name("attribute"))
        return ""

    stack = list(body.named_children)
    while stack:
        n = stack.pop()
        if n.type == "class_definition":
            continue
        if n.type in ("assignment", "augmented_assignment"):
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            name = self_name(left) if left is not None else ""
            if name:
                if n.type == "augmented_assignment" or right is None:
                    table[name] = None
                else:
                    values = table.setdefault(name, [])
                    if values is not None:  # not after an unpacking or augmented assignment
                        values.append(right)
            elif left is not None and left.type in ("pattern_list", "tuple_pattern", "list_pattern"):
                for c in left.named_children:
                    if self_name(c):
                        table[self_name(c)] = None
        elif n.type == "call" and doc.node_text(n.child_by_field_name("function") or n).endswith("setattr"):
            return {}
        stack.extend(n.named_children)
    return table


def _format_without_fields(call: Node, doc: Document) -> bool:
    """`"literal".format(...)` on a plain string literal with no replacement field."""
    target = _literal_format(call, doc)
    if target is None:
        return False
    text = doc.node_text(target)
    return "{" not in text and "}" not in text


def is_constant(node: Node | None, doc: Document, safe_calls: frozenset[str] = frozenset(),
                _depth: int = 0, _seen: frozenset[int] = frozenset()) -> bool:
    """True when the expression's value cannot carry data from outside the program."""
    syn = SYNTAX.get(doc.language)
    if node is None or syn is None or _depth > MAX_DEPTH:
        return False
    t = node.type
    if t in syn.literals:
        return True
    if t in syn.string:
        return all(
            is_constant(_interpolated_expression(c), doc, safe_calls, _depth + 1, _seen)
            for c in _interpolations(node, syn)
        )
    if t in syn.binary or t in syn.wrappers or t in syn.collections:
        type_node = node.child_by_field_name("type")  # Go: []string{...}
        return all(
            is_constant(c, doc, safe_calls, _depth + 1, _seen) for c in node.named_children
            if c.type != "comment" and (type_node is None or c.id != type_node.id)
        )
    if t in TRANSPARENT:
        if t == "cast_expression" and _is_numeric_cast(node):
            return True
        return is_constant(inner_value(node), doc, safe_calls, _depth + 1, _seen)
    if t == "conditional_expression" or t == "ternary_expression":
        parts = node.named_children
        # condition does not flow into the value; the two branches do
        branches = parts[1:] if t == "ternary_expression" else [parts[0], parts[-1]]
        if t == "conditional_expression" and len(parts) == 3 and _membership(parts[1], doc.node_text(parts[0]),
                                                                             doc, negated=False):
            branches = [parts[-1]]  # `x if x in ALLOWED else "default"`
        return all(is_constant(c, doc, safe_calls, _depth + 1, _seen) for c in branches)
    if t == syn.call:
        name = call_name(node, doc)
        if name in syn.safe_casts or name in safe_calls:
            return True
        if doc.language in _JS and name in _MEMO_HOOKS:
            # React's `useMemo(() => sanitize(md.render(text)), [text])`: the value its function returns
            args = node.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_children else None
            if first is None or first.type not in _JS_FUNCTIONS:
                return False
            returned = _returned_values(first)
            return bool(returned) and all(is_constant(r, doc, safe_calls, _depth + 1, _seen) for r in returned)
        if name in _PATH_JOINS:  # a path joined from constants is a constant
            return _arguments_constant(node, doc, safe_calls, _depth, _seen)
        if name in _WHICH:
            args = node.child_by_field_name("arguments")
            first = next((a for a in args.named_children if a.type != "comment"), None) if args is not None else None
            return first is not None and first.type != "keyword_argument" and is_constant(
                first, doc, safe_calls, _depth + 1, _seen)
        if doc.language == "python" and name.endswith(".get"):
            return _SYSTEM_FOLDER.match(doc.node_text(node)) is not None or _constant_table_lookup(node, doc, _depth)
        if doc.language == "python" and _format_without_fields(node, doc):
            return True  # `"git describe --tags".format(*version)`: no field to put an argument in
        if doc.language == "python" and _literal_format(node, doc) is not None:
            # `"sudo {0} -A ... --limit={1}/hour".format(path, self.rate)`: a constant template
            # filled with constants (a splat of unknown values is not constant)
            return _arguments_constant(node, doc, safe_calls, _depth, _seen)
        fn = node.child_by_field_name("function")
        if fn is not None and fn.type == "identifier" and doc.language in _JS:
            # a helper of this file whose every return is constant or made safe
            # (`function render(md) { return DOMPurify.sanitize(marked.parse(md)); }`)
            helper = _local_function(doc.node_text(fn), doc)
            if helper is not None and helper.id not in _seen:
                returned = _returned_values(helper)
                return bool(returned) and all(
                    is_constant(r, doc, safe_calls, _depth + 1, _seen | {helper.id}) for r in returned)
        if fn is not None and fn.type == "member_expression" and doc.language in _JS:
            return _js_constant_method(node, fn, doc, safe_calls, _depth, _seen)
        return False
    if t == "member_expression" and doc.language in _JS:
        # a property of a constant or safe call's result (`hljs.highlight(code, opts).value`)
        target = node.child_by_field_name("object")
        return target is not None and target.type == syn.call and is_constant(target, doc, safe_calls,
                                                                               _depth + 1, _seen)
    if t == "subscript" and doc.language == "python":
        return _SYSTEM_FOLDER.match(doc.node_text(node)) is not None or _constant_table_lookup(node, doc, _depth)
    if t == "attribute" and doc.language == "python":
        # `self.rate` where every assignment of the class is constant (`self.rate = int(cfg.get(...))`)
        found = _self_attribute_values(node, doc)
        if not found:
            return False
        key, values = found
        if key in _seen:
            return True
        return all(is_constant(v, doc, safe_calls, _depth + 1, _seen | {key}) for v in values)
    if t in ("dictionary", "pair") and doc.language == "python":
        return all(is_constant(c, doc, safe_calls, _depth + 1, _seen) for c in node.named_children
                   if c.type != "comment")
    if t == "keyword_argument" or t == "pair":  # JavaScript `{ key: value }`: the value
        return is_constant(node.child_by_field_name("value"), doc, safe_calls, _depth + 1, _seen)
    if t in syn.identifier and doc.language != "python" and doc.node_text(node) in _MODULE_PATHS:
        return True  # Node's `__dirname`: where the program itself is installed, chosen by no caller
    if t in syn.identifier:
        # A name met again on the same path is a cycle (`x = x + "a"`): it adds no outside
        # data of its own, so it is neutral here; keying on the name keeps the walk linear.
        key = name_key(node, doc)
        if node.id in _seen or key in _seen:
            return True
        if doc.language == "python" and allow_listed(node, doc):
            return True
        values = assigned_values(node, doc)
        if not values and doc.language == "python":
            last = dominating_assignment(node, doc)
            values = [last] if last is not None else []
        if not values and doc.language == "python":
            # a parameter of a helper of this file: what its callers pass (`snarf("node --version")`)
            values = _passed_arguments(node, doc) or []
        if doc.language in _JS and (not values or len(values) > 1):
            # a parameter or a name bound in several branches: the value of the branch it is used in
            branch = js_branch_assignment(node, doc)
            values = [branch] if branch is not None else values
        if not values and doc.language in _JS:
            values = _js_passed_arguments(node, doc) or []
        if not values:
            return False
        seen = _seen | {node.id, key}
        return all(is_constant(v, doc, safe_calls, _depth + 1, seen) for v in values)
    return False


_SPLATS = frozenset({"list_splat_pattern", "dictionary_splat_pattern", "keyword_separator", "positional_separator",
                     "list_splat", "dictionary_splat"})
_NAME_USES: WeakKeyDictionary[Document, dict[str, list[Node]]] = WeakKeyDictionary()


def _passed_arguments(ident: Node, doc: Document) -> list[Node] | None:
    """Python: for a parameter of a function of this file (module level or nested, not a method)
    that the file only calls by its name, never hands on or binds again: the argument each call
    gives that parameter, or its default where a call leaves it out. None when that is unknown
    (no call, a splat, a name used otherwise); the callers of other files stay out of sight, as
    everywhere here, and the taint analysis follows values across functions."""
    fn = enclosing_scope(ident, doc)
    if fn is None or fn.type != "function_definition" or parameter_declaration(ident, doc) is None:
        return None
    outer = enclosing_scope(fn, doc)
    fn_name, params = fn.child_by_field_name("name"), fn.child_by_field_name("parameters")
    if outer is None or outer.type == "class_definition" or fn_name is None or params is None:
        return None
    name = doc.node_text(ident)
    index, default = -1, None
    for i, p in enumerate(c for c in params.named_children if c.type != "comment"):
        if p.type in _SPLATS:
            return None
        target = p if p.type == "identifier" else (p.child_by_field_name("name") or
                                                   next((c for c in p.named_children if c.type == "identifier"), None))
        if target is not None and doc.node_text(target) == name:
            index, default = i, p.child_by_field_name("value")
    if index < 0:
        return None

    def pick(parts: list[Node]) -> Node | None:
        keyword = next((a.child_by_field_name("value") for a in parts if a.type == "keyword_argument"
                        and doc.node_text(a.child_by_field_name("name")) == name), None)
        positional = [a for a in parts if a.type != "keyword_argument"]
        return keyword or (positional[index] if index < len(positional) else default)

    return _call_site_values(fn_name, doc, "call", _SPLATS, pick)


def _call_site_values(fn_name: Node, doc: Document, call_type: str, splats: frozenset[str],
                      pick: Callable[[list[Node]], Node | None]) -> list[Node] | None:
    """What each call of the function `fn_name` names gives the parameter (`pick` reads it from the
    call's arguments); None when a use of the name is no plain call (handed on, bound again,
    defined twice, exported: who calls it is unknown), a call spreads its arguments, or a call
    gives the parameter nothing."""
    passed: list[Node] = []
    for use in _name_uses(doc).get(doc.node_text(fn_name), []):
        if use.id == fn_name.id:
            continue
        call = use.parent
        if call is None or call.type != call_type or call.child_by_field_name("function") != use:
            return None
        args = call.child_by_field_name("arguments")
        parts = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        if any(a.type in splats for a in parts):
            return None
        value = pick(parts)
        if value is None:
            return None
        passed.append(value)
    return passed or None


def _js_passed_arguments(ident: Node, doc: Document) -> list[Node] | None:
    """JavaScript: for a parameter of a function that a top-level statement of the file declares,
    does not export and only calls by its name: the argument each call gives that parameter, or
    its default (`function f(port = 80)`). None when that is unknown, as for Python above."""
    fn = enclosing_scope(ident, doc)
    if fn is None or fn.type not in _JS_FUNCTIONS:
        return None
    holder = fn.parent if fn.type == "function_declaration" else getattr(fn.parent, "parent", None)
    if holder is not None and holder.type in ("lexical_declaration", "variable_declaration"):
        holder = holder.parent
    if holder is None or holder.type == "export_statement":
        return None  # other modules call it
    fn_name = fn.child_by_field_name("name") if fn.type == "function_declaration" else (
        fn.parent.child_by_field_name("name") if fn.parent is not None and fn.parent.type == "variable_declarator" else None)
    params = fn.child_by_field_name("parameters")
    declared = _local_function(doc.node_text(fn_name), doc) if fn_name is not None else None
    if declared is None or params is None or declared.id != fn.id:
        return None
    name = doc.node_text(ident)
    index, default = -1, None
    for i, p in enumerate(c for c in params.named_children if c.type != "comment"):
        if p.type == "rest_pattern":
            return None
        target = p.child_by_field_name("left") if p.type == "assignment_pattern" else p
        if target is not None and target.type == "identifier" and doc.node_text(target) == name:
            index, default = i, p.child_by_field_name("right")
    if index < 0:
        return None
    return _call_site_values(fn_name, doc, "call_expression", frozenset({"spread_element"}),
                             lambda parts: parts[index] if index < len(parts) else default)


def _name_uses(doc: Document) -> dict[str, list[Node]]:
    """Every identifier of the file, by its text (one walk per document); JavaScript's shorthand
    `{ name }` counts as a use of the name."""
    table = _NAME_USES.get(doc)
    if table is None:
        table = _NAME_USES[doc] = {}
        stack = [doc.tree.root_node]
        while stack:
            n = stack.pop()
            if n.type == "identifier" or n.type == "shorthand_property_identifier":
                table.setdefault(doc.node_text(n), []).append(n)
            stack.extend(n.named_children)
    return table


def _arguments_constant(call: Node, doc: Document, safe_calls: frozenset[str], depth: int,
                        seen: frozenset[int]) -> bool:
    """Every argument of the call is constant."""
    args = call.child_by_field_name("arguments")
    return args is not None and all(is_constant(a, doc, safe_calls, depth + 1, seen)
                                    for a in args.named_children if a.type != "comment")


_JS = frozenset({"javascript", "typescript", "tsx"})


def _js_constant_method(node: Node, fn: Node, doc: Document, safe_calls: frozenset[str], depth: int,
                        seen: frozenset[int]) -> bool:
    """JavaScript methods whose result holds only constants whatever their receiver holds:
    `["git add -A", "git push"].join(" && ")` (constant parts joined by a constant), the
    placeholders of an IN list (`ids.map(() => "?").join(",")`, `Array(n).fill("?")`,
    `"?, ".repeat(n)`): the receiver's values are counted or replaced, never copied."""
    prop = fn.child_by_field_name("property")
    method = doc.node_text(prop) if prop is not None else ""
    target, args = fn.child_by_field_name("object"), node.child_by_field_name("arguments")
    arg_nodes = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if target is None:
        return False

    def const(n: Node) -> bool:
        return is_constant(n, doc, safe_calls, depth + 1, seen)

    if method == "join":
        return (target.type == "array" or target.type == "call_expression") and const(target) \
            and all(const(a) for a in arg_nodes)
    if method == "map" and len(arg_nodes) == 1 and arg_nodes[0].type in _JS_FUNCTIONS:
        returned = _returned_values(arg_nodes[0])
        return bool(returned) and all(const(r) for r in returned)
    if method == "fill" and len(arg_nodes) == 1:
        inner = target.child_by_field_name("function") or target.child_by_field_name("constructor")
        made = doc.node_text(inner) if inner is not None else ""
        return target.type in ("call_expression", "new_expression") and made == "Array" and const(arg_nodes[0])
    if method == "repeat":
        return target.type in ("string", "template_string") and const(target)
    return False


_TOP_FUNCTIONS: WeakKeyDictionary[Document, dict[str, Node | None]] = WeakKeyDictionary()


def _local_function(name: str, doc: Document) -> Node | None:
    """JavaScript: the function a top-level statement of the file declares under name
    (`function f() {}`, `const f = () => ...`, exported or not); None if absent or bound twice."""
    table = _TOP_FUNCTIONS.get(doc)
    if table is None:
        table = _TOP_FUNCTIONS[doc] = _top_functions(doc)
    return table.get(name)


def _top_functions(doc: Document) -> dict[str, Node | None]:
    found: dict[str, Node | None] = {}

    def add(n: Node, fn: Node) -> None:
        key = doc.node_text(n)
        found[key] = None if key in found else fn  # bound twice: which one is called is unknown

    for stmt in doc.tree.root_node.named_children:
        decl = stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
        if decl is None:
            continue
        if decl.type == "function_declaration":
            n = decl.child_by_field_name("name")
            if n is not None:
                add(n, decl)
        elif decl.type in ("lexical_declaration", "variable_declaration"):
            for d in decl.named_children:
                n, v = d.child_by_field_name("name"), d.child_by_field_name("value")
                if n is not None and v is not None and n.type == "identifier" \
                        and v.type in ("arrow_function", "function_expression", "function"):
                    add(n, v)
    return found


_MEMO_HOOKS = frozenset({"useMemo", "React.useMemo"})


def _returned_values(fn: Node) -> list[Node]:
    """The values a JavaScript function returns (not those of functions nested in it); an
    expression-bodied arrow returns its body; a bare `return` makes the list empty (unknown)."""
    body = fn.child_by_field_name("body")
    if body is None:
        return []
    if body.type != "statement_block":
        return [body]
    out: list[Node] = []
    stack = list(body.named_children)
    while stack:
        n = stack.pop()
        if n.type in _JS_FUNCTIONS or n.type == "class_declaration":
            continue
        if n.type == "return_statement":
            values = [c for c in n.named_children if c.type != "comment"]
            if not values:
                return []
            out.append(values[0])
            continue
        stack.extend(n.named_children)
    return out


# Nodes whose value is the value of one child: TypeScript `x as T`, `x!`, `<T>x`,
# `x satisfies T`, Java casts (a numeric cast makes any value safe), Go `[]byte(s)`.
TRANSPARENT = frozenset({"as_expression", "non_null_expression", "satisfies_expression",
                          "type_assertion", "cast_expression", "type_conversion_expression"})


def inner_value(node: Node) -> Node | None:
    inner = node.child_by_field_name("value") or node.child_by_field_name("operand")
    if inner is None and node.named_children:
        inner = node.named_children[-1] if node.type == "type_assertion" else node.named_children[0]
    return inner

_NUMERIC_TYPES = frozenset({"integral_type", "floating_point_type", "boolean_type"})


def _is_numeric_cast(node: Node) -> bool:
    cast_type = node.child_by_field_name("type")
    return cast_type is not None and cast_type.type in _NUMERIC_TYPES


def resolved_values(node: Node | None, doc: Document, _depth: int = 0,
                    _seen: frozenset[int] = frozenset()) -> list[Node]:
    """The expressions a value comes from: the node itself, or, for a plain local name,
    the right-hand sides assigned to it (followed transitively), wrappers removed."""
    syn = SYNTAX.get(doc.language)
    if node is None or syn is None or _depth > MAX_DEPTH:
        return []
    while node is not None and (node.type in syn.wrappers or node.type in TRANSPARENT):
        node = inner_value(node)
    if node is None:
        return []
    if node.type in syn.identifier and node.id not in _seen:
        out: list[Node] = []
        for value in assigned_values(node, doc):
            out += resolved_values(value, doc, _depth + 1, _seen | {node.id})
        return out
    return [node]


def _membership(cond: Node | None, name: str, doc: Document, negated: bool) -> bool:
    """Is cond `name in X` (or `name not in X` when negated)?"""
    if cond is None or cond.type != "comparison_operator" or len(cond.named_children) != 2:
        return False
    left = cond.named_children[0]
    ops = [doc.node_text(c) for c in cond.children if not c.is_named]
    op = " ".join(" ".join(ops).split())
    return doc.node_text(left) == name and op == ("not in" if negated else "in")


def _confines(cond: Node | None, name: str, doc: Document, when_true: bool, depth: int = 0) -> bool:
    """Does the condition, when it is true (when_true) or false, confine the name to the program's
    own values: `name in X`, `name == "literal"`, a conjunct of an `and` (a disjunct of an `or`
    when false), `not` turning one into the other?"""
    while cond is not None and cond.type == "parenthesized_expression" and cond.named_children:
        cond = cond.named_children[0]
    if cond is None or depth > MAX_DEPTH:
        return False
    if cond.type == "not_operator":
        return _confines(cond.child_by_field_name("argument"), name, doc, not when_true, depth + 1)
    if cond.type == "boolean_operator":
        op = cond.child_by_field_name("operator")
        joiner = doc.node_text(op) if op is not None else ""
        if joiner == ("and" if when_true else "or"):
            return any(_confines(c, name, doc, when_true, depth + 1)
                       for c in (cond.child_by_field_name("left"), cond.child_by_field_name("right")))
        return False
    if _membership(cond, name, doc, negated=not when_true):
        return True
    if cond.type != "comparison_operator" or len(cond.named_children) != 2:
        return False
    left, right = cond.named_children
    op = " ".join(doc.node_text(c) for c in cond.children if not c.is_named)
    return doc.node_text(left) == name and op == ("==" if when_true else "!=") and is_constant(right, doc)

_EXITS = {"raise_statement", "return_statement", "continue_statement", "break_statement"}


def _exits(block: Node | None, doc: Document) -> bool:
    if block is None:
        return False
    for stmt in block.named_children:
        if stmt.type in _EXITS:
            return True
        if stmt.type == "expression_statement" and stmt.named_children and \
                stmt.named_children[0].type == "call" and \
                call_name(stmt.named_children[0], doc).split(".")[-1] in ("abort", "exit", "_exit"):
            return True
    return False


def _binds_name(stmt: Node, name: str, doc: Document) -> bool:
    return bool(py_bindings_in(stmt, name, stmt.end_byte, doc))


def _settles(block: Node | None, name: str, doc: Document, depth: int) -> bool:
    """Does every way through the block leave it (raise/return/abort) or give the name one of the
    program's own values (`name = "default"`, a nested statement that pins it)?"""
    if block is None:
        return False
    if _exits(block, doc):
        return True
    for stmt in block.named_children:
        inner = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if inner is not None and inner.type == "assignment":
            left = inner.child_by_field_name("left")
            if left is not None and left.type == "identifier" and doc.node_text(left) == name:
                return True  # the value itself was checked constant by the caller (_pins)
        if _pins(stmt, name, doc, depth + 1):
            return True
    return False


def _pins(stmt: Node, name: str, doc: Document, depth: int = 0) -> bool:
    """Python: after this statement the name holds one of the program's own values:
    `if name not in ALLOWED: name = "default"` (or raise/return), or an if/elif/else whose every
    branch is entered only for an allowed value (`if name == "state":`) or settles the name."""
    if stmt.type != "if_statement" or depth > MAX_DEPTH:
        return False
    if any(not is_constant(v, doc) for v in py_bindings_in(stmt, name, stmt.end_byte, doc)):
        return False  # a branch gives the name a value from elsewhere
    cond, body = stmt.child_by_field_name("condition"), stmt.child_by_field_name("consequence")
    if _confines(cond, name, doc, when_true=False) and _settles(body, name, doc, depth):
        return True
    branches: list[tuple[Node | None, Node | None]] = [(cond, body)]
    has_else = False
    for alt in stmt.children_by_field_name("alternative"):
        if alt.type == "elif_clause":
            branches.append((alt.child_by_field_name("condition"), alt.child_by_field_name("consequence")))
        elif alt.type == "else_clause":
            branches.append((None, alt.child_by_field_name("body")))
            has_else = True
    return has_else and all((c is not None and _confines(c, name, doc, when_true=True))
                            or _settles(b, name, doc, depth) for c, b in branches)


def allow_listed(ident: Node, doc: Document) -> bool:
    """Python: the use sits under `if name in X:` (or `elif other and name in X:`, or the `else:` of
    `if name not in X:`), or after a statement that pins the name to the program's own values
    (`if name not in X: raise/return/abort()`, `if name not in X: name = "default"`) and does
    not bind it again before the use."""
    name = doc.node_text(ident)
    scopes = SYNTAX["python"].scopes
    child, p = ident, ident.parent
    while p is not None and p.type not in scopes:
        if p.type in ("if_statement", "elif_clause") and child == p.child_by_field_name("consequence") \
                and _confines(p.child_by_field_name("condition"), name, doc, when_true=True):
            return True
        if p.type == "else_clause" and p.parent is not None and p.parent.type == "if_statement" \
                and _confines(p.parent.child_by_field_name("condition"), name, doc, when_true=False):
            return True
        if p.type in ("block", "module"):
            pinned = False
            for stmt in p.named_children:
                if stmt.start_byte >= child.start_byte:
                    break
                if _pins(stmt, name, doc):
                    pinned = True
                elif pinned and _binds_name(stmt, name, doc):
                    pinned = False
            if pinned and not _rebinds_on_path(child, name, ident, doc):
                return True
        child, p = p, p.parent
    return False


def _rebinds_on_path(stmt: Node, name: str, ident: Node, doc: Document) -> bool:
    """Does the statement holding the use bind the name before it on the way to it (not in a
    sibling branch: `elif x == "a": name = ...` beside the branch of the use)?"""
    for value in py_bindings_in(stmt, name, ident.start_byte, doc):
        if value.start_byte <= ident.start_byte < value.end_byte:
            continue  # the use is in the value bound (`name = f(name)`): it reads the value before
        n, on_path = value, True
        while n is not None and n.id != stmt.id:
            if n.type == "block" and not (n.start_byte <= ident.start_byte < n.end_byte):
                on_path = False
                break
            n = n.parent
        if on_path:
            return True
    return False


def _constant_table_lookup(node: Node, doc: Document, depth: int) -> bool:
    """Python: `TABLE[key]` or `TABLE.get(key, const)` where TABLE is bound only to a literal
    dict/list/set/tuple of constants: the result is one of the program's own values."""
    if node.type == "subscript":
        table = node.child_by_field_name("value")
        defaults: list[Node] = []
    else:
        func = node.child_by_field_name("function")
        table = func.child_by_field_name("object") if func is not None else None
        args = node.child_by_field_name("arguments")
        defaults = args.named_children[1:] if args is not None else []
    if table is None or table.type != "identifier" or depth > MAX_DEPTH:
        return False
    values = assigned_values(table, doc)
    if not values or not all(v.type in ("dictionary", "list", "set", "tuple") for v in values):
        return False
    return all(is_constant(v, doc, _depth=depth + 1) for v in values + defaults)


def _interpolations(node: Node, syn: Syntax) -> list[Node]:
    found: list[Node] = []
    stack = list(node.children)
    while stack:
        c = stack.pop()
        if c.type in syn.interpolation:
            found.append(c)
        elif c.type in syn.string:  # concatenated_string holds strings
            stack.extend(c.children)
    return found


def _interpolated_expression(node: Node) -> Node | None:
    for c in node.named_children:
        if c.type not in ("format_specifier", "type_conversion", "comment"):
            return c
    return None


def is_module_import(node: Node | None, doc: Document) -> bool:
    """JavaScript: is the value a plain name bound only to what a module exports: an `import`
    binding (`import icon from './icon'`, `import { a as b }`, `import * as ns`) or
    `require('<constant>')` (`const svg = require('./x.svg')`, `css = require('!raw-loader!a.css')`,
    `const { icon } = require('./icons')`)? Such a value is fixed when the program is built or
    loaded: the module's own content, not data that reaches it at run time."""
    syn = SYNTAX.get(doc.language)
    if node is None or syn is not SYNTAX["javascript"]:
        return False
    while node is not None and (node.type in syn.wrappers or node.type in TRANSPARENT):
        node = inner_value(node)
    if node is None or node.type != "identifier":
        return False
    name = doc.node_text(node)
    root = node
    while root.parent is not None:
        root = root.parent
    values: list[Node] = []
    imported = False
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == "import_statement":
            clause = next((c for c in n.named_children if c.type == "import_clause"), None)
            imported = imported or (clause is not None and name in _import_names(clause, doc))
            continue
        if n.type == "variable_declarator":
            target, value = n.child_by_field_name("name"), n.child_by_field_name("value")
            if target is not None and value is not None and _binds(target, name, doc):
                values.append(value)
        elif n.type == "assignment_expression":
            target = n.child_by_field_name("left")
            value = n.child_by_field_name("right")
            if target is not None and value is not None and target.type == "identifier" \
                    and doc.node_text(target) == name:
                values.append(value)
        stack.extend(n.named_children)
    # a name also bound to something else (a local of the same name) is not only the import
    return (imported or bool(values)) and all(_required(v, doc) for v in values)


def _import_names(clause: Node, doc: Document) -> set[str]:
    names: set[str] = set()
    stack = [clause]
    while stack:
        n = stack.pop()
        if n.type == "import_specifier":
            bound = n.child_by_field_name("alias") or n.child_by_field_name("name")
            if bound is not None:
                names.add(doc.node_text(bound))
            continue
        if n.type == "identifier":
            names.add(doc.node_text(n))
        stack.extend(n.named_children)
    return names


def _binds(target: Node, name: str, doc: Document) -> bool:
    """Does a declaration's target (`x`, `{ a, b: x }`, `[x]`) bind the name?"""
    if target.type == "identifier":
        return doc.node_text(target) == name
    stack = [target]
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "shorthand_property_identifier_pattern") and doc.node_text(n) == name:
            parent = n.parent
            # `{ key: x }` binds x, not key
            return parent is None or parent.type != "pair_pattern" or parent.child_by_field_name("value") == n
        stack.extend(n.named_children)
    return False


def _required(value: Node, doc: Document) -> bool:
    """`require('<constant>')`, or a property of one (`require('./icons').check`)."""
    syn = SYNTAX[doc.language]
    while value.type in syn.wrappers or value.type in TRANSPARENT or value.type == "member_expression":
        inner = value.child_by_field_name("object") if value.type == "member_expression" else inner_value(value)
        if inner is None:
            return False
        value = inner
    if value.type != "call_expression" or call_name(value, doc) != "require":
        return False
    args = value.child_by_field_name("arguments")
    parts = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    return len(parts) == 1 and parts[0].type in ("string", "template_string") and is_constant(parts[0], doc)
