"""Where a value comes from: `from-regex`, `uses-regex`, `string-built`.

A small intra-procedural view of a value: the expression itself plus, for every plain name
it reads, the values bound to that name earlier in the same function (or at module level):
assignments, augmented assignments (`sql += ...`), loop targets (the iterable), `with ... as`
and `:=`. Followed transitively, with a budget, never into other functions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from railguard.engine.localflow.bindings import (
    assigned_values,
    dominating_assignment,
    parameter_declaration,
    py_bindings,
)
from railguard.engine.localflow.constants import allow_listed, is_constant
from railguard.engine.localflow.syntax import (
    MAX_DEPTH,
    SYNTAX,
    Syntax,
    call_name,
    enclosing_scope,
    name_key,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document

_NOT_VARIABLES = frozenset({"property_identifier", "field_identifier", "type_identifier", "shorthand_property_identifier"})

_FLOW_BUDGET = 60


def flow_texts(node: Node | None, doc: Document, through_calls: bool = True) -> list[str]:
    """Texts of the expressions a value is built from: the value itself, and for every plain
    name in it, what the name was assigned (followed transitively) or the parameter that
    declares it (annotations included). Bounded; a small intra-procedural view of the flow.
    through_calls=False: names among a call's arguments are not followed (the call's result is
    not their value), except through string builders and conversions (`String(x)`, `x.concat(y)`)."""
    if node is None or doc.language not in SYNTAX:
        return []
    texts: list[str] = []
    seen: set[int] = set()
    stack = [(node, 0)]
    while stack and len(seen) < _FLOW_BUDGET:
        n, depth = stack.pop()
        if n.id in seen:
            continue
        seen.add(n.id)
        texts.append(doc.node_text(n))
        if depth >= 6:
            continue
        for ident in _variables_in(n, doc, through_calls):
            values = assigned_values(ident, doc)
            if values:
                stack.extend((v, depth + 1) for v in values)
                continue
            param = parameter_declaration(ident, doc)
            if param is not None and param.id not in seen:
                seen.add(param.id)
                texts.append(doc.node_text(param))
    return texts


_CONCATENATIONS = frozenset({"binary_operator", "binary_expression"})
_LITERAL_TEXT = frozenset({"string_content", "string_fragment", "escape_sequence"})
_EMBEDDED = frozenset({"interpolation", "template_substitution"})


# a name is followed once, to the one string its function puts together for it
_MAX_NAME_DEPTH = 8
_PUT_TOGETHER = frozenset({"binary_operator", "binary_expression", "string", "template_string", "concatenated_string"})


def leading_parts(node: Node, doc: Document, stop) -> list[Node]:
    """The parts of a string put together with `+` or interpolation (an f-string, a template
    literal) that come before the first literal text matching `stop`: `base + "?next=" + n`
    with stop `[?#]` gives [base]. A plain local name is read through the values assigned to it
    (`url = f"{location}?parent={p}"; redirect(url)` gives [location]). A value that is not put
    together is its own only part."""
    parts, _ = _leading(node, doc, stop, 0)
    return parts


def _leading(node: Node, doc: Document, stop, depth: int) -> tuple[list[Node], bool]:
    """(parts before the stop, whether the stop was met)."""
    if depth > 40:
        return [node], False
    t = node.type
    if t == "parenthesized_expression" and node.named_child_count == 1:
        return _leading(node.named_children[0], doc, stop, depth + 1)
    syn = SYNTAX.get(doc.language)
    if syn is not None and t in syn.identifier and depth < _MAX_NAME_DEPTH:
        values = assigned_values(node, doc)
        if not values or len(values) > 1 or values[0].type not in _PUT_TOGETHER:
            return [node], False
        return _leading(values[0], doc, stop, depth + _MAX_NAME_DEPTH)
    if t in _CONCATENATIONS:
        op = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op is not None and doc.node_text(op) == "+" and left is not None and right is not None:
            parts, stopped = _leading(left, doc, stop, depth + 1)
            if stopped:
                return parts, True
            more, stopped = _leading(right, doc, stop, depth + 1)
            return parts + more, stopped
        return [node], False
    if t in ("string", "template_string", "concatenated_string"):
        parts = []
        for child in node.named_children:
            if child.type in _LITERAL_TEXT:
                if stop.search(doc.node_text(child)):
                    return parts, True
            elif child.type in _EMBEDDED:
                parts.extend(c for c in child.named_children if c.type not in ("format_specifier", "type_conversion"))
            elif child.type == "string":  # a part of Python's "a" "b"
                more, stopped = _leading(child, doc, stop, depth + 1)
                parts.extend(more)
                if stopped:
                    return parts, True
        return parts, False
    return [node], False


# calls whose result is their argument's text, converted or joined: followed even when calls are not
_PASS_THROUGH = frozenset({"String", "str", "decodeURI", "decodeURIComponent", "unescape", "toString", "trim",
                           "strip", "concat", "join", "format", "Sprintf"})


def _variables_in(node: Node, doc: Document, through_calls: bool = True) -> list[Node]:
    syn = SYNTAX[doc.language]
    found: list[Node] = []
    stack = [node]
    while stack and len(found) < 20:
        n = stack.pop()
        if not through_calls and n.type == syn.call \
                and call_name(n, doc).rsplit(".", 1)[-1] not in _PASS_THROUGH:
            func = n.child_by_field_name("function")
            if func is not None:  # the receiver of a method call is still read (`url.replace(a, b)`)
                stack.append(func)
            continue
        if n.type in syn.identifier:
            parent = n.parent
            # Java `obj.method(...)`: the method name is not a variable
            if not (parent is not None and parent.type == "method_invocation"
                    and parent.child_by_field_name("name") is not None
                    and parent.child_by_field_name("name").id == n.id):
                found.append(n)
        elif n.type not in _NOT_VARIABLES and n.type not in syn.scopes:
            stack.extend(n.named_children)
    return found

_MAX_ORIGINS = 64

_STRING_PARTS = {"string_content", "string_fragment", "escape_sequence", "comment"}

# calls that put a string together (the attribute/method or function name)
STRING_BUILDERS: dict[str, frozenset[str]] = {
    "python": frozenset({"format", "format_map", "join"}),
    "javascript": frozenset({"concat", "join"}),
    "java": frozenset({"format", "formatted", "concat", "join", "String.format", "String.join"}),
    "go": frozenset({"fmt.Sprintf", "Sprintf", "strings.Join"}),
}

STRING_BUILDERS["typescript"] = STRING_BUILDERS["javascript"]

STRING_BUILDERS["tsx"] = STRING_BUILDERS["javascript"]


def _is_safe_call(node: Node, doc: Document, safe_calls: frozenset[str]) -> bool:
    syn = SYNTAX[doc.language]
    if node.type != syn.call:
        return False
    return _listed(call_name(node, doc), safe_calls, syn) or _form_method(node, doc, safe_calls)


def _safe_tail_args(node: Node, doc: Document, safe_calls: frozenset[str]) -> list[Node]:
    """A call listed as `name(url, *)`: it encodes every argument but the first (a query
    string appended to a URL, tornado's `url_concat(url, args)`): those arguments are hidden."""
    syn = SYNTAX[doc.language]
    if node.type != syn.call or not safe_calls:
        return []
    if not _listed(call_name(node, doc) + "(url, *)", safe_calls, syn):
        return []
    args = node.child_by_field_name("arguments")
    named = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    return named[1:]


# methods of a form that hand back what was submitted (Django `clean()`, `save()`)
_FORM_DATA_METHODS = re.compile(r"^(clean\w*|save|get_data|data|to_dict|get_json|values|items)$")


def _form_method(node: Node, doc: Document, safe_calls: frozenset[str]) -> bool:
    """A safe-calls entry `form.*()`: a method called with no argument on a form object (`form`,
    `edit_form`): what it returns is the form class's own code (a plugin's markup), not the
    submitted values, which are read through its fields (`form.name.data`)."""
    if doc.language != "python" or node.type != "call":
        return False
    fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if fn is None or fn.type != "attribute" or args is None or args.named_child_count:
        return False
    obj, attr = fn.child_by_field_name("object"), fn.child_by_field_name("attribute")
    if obj is None or attr is None or obj.type != "identifier" or _FORM_DATA_METHODS.match(doc.node_text(attr)):
        return False
    receiver = doc.node_text(obj)
    return any(entry.endswith(".*()") and (receiver == entry[:-4] or receiver.endswith("_" + entry[:-4]))
               for entry in safe_calls)


def _listed(name: str, safe_calls: frozenset[str], syn: Syntax) -> bool:
    if name in syn.safe_casts or name in safe_calls:
        return True
    # "*.urlencode": a method of that name on any receiver (`request.GET.copy().urlencode()`)
    if "." not in name:
        return False
    if "*." + name.rsplit(".", 1)[1] in safe_calls:
        return True
    # the canonical program names an imported function by its module's last word
    # (`from urllib.parse import quote` -> `parse.quote`): the tail of a listed dotted name
    tail = "." + name
    return any(s.endswith(tail) for s in safe_calls)


# keys_only: calls through which a mapping keeps the keys of its argument (`dict(d)`,
# `json.loads(body)`, `d.copy()`); the result of any other call is not its argument's keys
_KEEPS_KEYS = _PASS_THROUGH | frozenset({
    "dict", "OrderedDict", "defaultdict", "MultiDict", "ImmutableMultiDict", "loads", "copy", "deepcopy",
    "to_dict", "items", "keys", "get_json", "decode", "getlist", "lists",
    # parsers of a request body: the client's document keeps its keys
    "safe_load", "parse_qs", "parse_qsl", "unpackb", "fromstring"})


def _condition_of(node: Node) -> Node | None:
    """Python `a if cond else b`: the condition chooses a branch, its value flows nowhere."""
    if node.type == "conditional_expression" and len(node.named_children) == 3:
        return node.named_children[1]
    return None


def _keys_hidden(node: Node, doc: Document) -> list[Node]:
    """keys_only: the children of a node that do not choose the keys of the mapping it builds:
    the values of a dict literal's pairs, keyword arguments, and the arguments of a call that
    does not keep its argument's keys (its result is the callee's, `Schema().load(body)`)."""
    t = node.type
    if t in ("pair", "keyword_argument"):
        value = node.child_by_field_name("value")
        return [value] if value is not None else []
    if t == SYNTAX[doc.language].call and call_name(node, doc).rsplit(".", 1)[-1] not in _KEEPS_KEYS:
        args = node.child_by_field_name("arguments")
        return [args] if args is not None else []
    return []


def masked_text(node: Node, doc: Document, safe_calls: frozenset[str] = frozenset(),
                keys_only: bool = False, flow: bool = False) -> str:
    """The node's text with literal string content, comments and the arguments of safe calls
    (numeric casts, ``safe_calls``) blanked out: what the expression *reads*, not what it says.
    keys_only: also what does not choose a mapping's keys (see `_keys_hidden`); flow: also the
    conditions of `a if cond else b` (what reaches the value, not what chose it)."""
    if SYNTAX.get(doc.language) is None:
        return doc.node_text(node)
    base = node.start_byte
    data = bytearray(doc.data[node.start_byte:node.end_byte])
    stack = [node]
    hidden: set[int] = set()
    while stack:
        n = stack.pop()
        if keys_only:
            hidden.update(h.id for h in _keys_hidden(n, doc))
        cond = _condition_of(n) if flow else None
        if cond is not None:
            hidden.add(cond.id)
        hidden.update(a.id for a in _safe_tail_args(n, doc, safe_calls))
        if n.type in _STRING_PARTS or _is_safe_call(n, doc, safe_calls) or n.id in hidden \
                or n.type == "identifier" and doc.language == "python" and _names_a_setting(n, doc):
            for i in range(n.start_byte - base, n.end_byte - base):
                if data[i] not in (10, 13):
                    data[i] = 32
            continue
        if n.type in ("string", "string_literal", "interpreted_string_literal", "raw_string_literal") \
                and n.named_child_count == 0 and n.child_count == 0:
            continue
        stack.extend(n.children)
    return data.decode("utf-8", "replace")


# a setting's name: `OPT_API_KEY = "LEUVEN_DUTCH_API_KEY"` (capitals, words joined by `_`)
_SETTING_NAME = re.compile(r"""^[rRuU]?(["'])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\1$""")
_SETTING_CONSTANTS: WeakKeyDictionary[Document, frozenset[str]] = WeakKeyDictionary()


def _names_a_setting(ident: Node, doc: Document) -> bool:
    """Python: a capitalised module constant bound once, to a string literal that is itself a
    setting's name (an environment variable, a configuration key). Reading it reads that literal,
    whose text is blanked like any string's: a message naming the setting holds no secret."""
    names = _SETTING_CONSTANTS.get(doc)
    if names is None:
        bound: dict[str, int] = {}
        literal: set[str] = set()
        for stmt in doc.tree.root_node.named_children:
            expr = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
            if expr is None or expr.type not in ("assignment", "augmented_assignment"):
                continue
            left, right = expr.child_by_field_name("left"), expr.child_by_field_name("right")
            if left is None or left.type != "identifier":
                continue
            name = doc.node_text(left)
            bound[name] = bound.get(name, 0) + 1
            if expr.type == "assignment" and right is not None and right.type == "string" \
                    and _SETTING_NAME.match(doc.node_text(right)):
                literal.add(name)
        names = _SETTING_CONSTANTS[doc] = frozenset(n for n in literal if bound[n] == 1 and n.isupper())
    if doc.node_text(ident) not in names:
        return False
    # looked up (`os.environ[NAME]`, `getenv(NAME)`, `config.get(NAME)`): the setting's value is read
    parent = ident.parent
    if parent is not None and parent.type == "keyword_argument":
        parent = parent.parent
    if parent is not None and parent.type == "subscript":
        return False
    call = parent.parent if parent is not None and parent.type == "argument_list" else None
    fn = call.child_by_field_name("function") if call is not None else None
    return fn is None or not _LOOKUP.search(doc.node_text(fn))


_LOOKUP = re.compile(r"(?i)(get\w*|env\w*|config\w*|settings?|secrets?|vault\w*|read\w*|load\w*)$")


def _read_names(node: Node, doc: Document, safe_calls: frozenset[str], keys_only: bool = False) -> list[Node]:
    """Plain names the expression reads (not attribute names, keyword names or safe-call args;
    keys_only: nor what does not choose a mapping's keys)."""
    syn = SYNTAX[doc.language]
    out: list[Node] = []
    stack = [node]
    hidden: set[int] = set()
    while stack:
        n = stack.pop()
        if n.id in hidden:
            continue
        if keys_only:
            hidden.update(h.id for h in _keys_hidden(n, doc))
        cond = _condition_of(n)
        if cond is not None:
            hidden.add(cond.id)
        hidden.update(a.id for a in _safe_tail_args(n, doc, safe_calls))
        if n.type in syn.identifier:
            parent = n.parent
            field = None
            if parent is not None:
                for i, c in enumerate(parent.children):
                    if c.id == n.id:
                        field = parent.field_name_for_child(i)
                        break
            if field not in ("attribute", "name", "property", "field") or parent is None \
                    or parent.type in ("named_expression",):
                out.append(n)
            continue
        if _is_safe_call(n, doc, safe_calls) or (n is not node and n.type in syn.scopes):
            continue
        if n.type == "keyword_argument":
            value = n.child_by_field_name("value")
            if value is not None:
                stack.append(value)
            continue
        stack.extend(n.named_children)
    return out


def origins(node: Node, doc: Document, safe_calls: frozenset[str] = frozenset(),
            keys_only: bool = False) -> list[Node]:
    """The expression and, transitively, the values bound to the names it reads (keys_only:
    the names that choose the keys of the mapping it is, see `_keys_hidden`)."""
    if SYNTAX.get(doc.language) is None:
        return [node]
    found: list[Node] = [node]
    seen_names: set[tuple] = set()
    i = 0
    while i < len(found) and len(found) < _MAX_ORIGINS:
        for ident in _read_names(found[i], doc, safe_calls, keys_only):
            scope = enclosing_scope(ident, doc)
            key: tuple[str, int] | tuple[str, int, int] = (doc.node_text(ident),
                                                           scope.id if scope is not None else 0)
            if doc.language == "python":
                # the last plain `name = value` of the function body before the use, nothing
                # rebinding it since, is the only value the name can hold there
                last = dominating_assignment(ident, doc)
                if last is not None:
                    key = (*key, last.id)
            if key in seen_names:
                continue
            seen_names.add(key)
            if doc.language == "python" and allow_listed(ident, doc):
                continue
            if doc.language == "python":
                values = [last] if last is not None else py_bindings(ident, doc)
            else:
                values = assigned_values(ident, doc)
            for v in values:
                if len(found) >= _MAX_ORIGINS:
                    break
                if all(v.id != f.id for f in found):
                    found.append(v)
        i += 1
    return found


def flows_from(node: Node, doc: Document, pattern, safe_calls: frozenset[str] = frozenset(),
               keys_only: bool = False, branch_tests: bool = False) -> bool:
    """Does the value, or a value it is built from, read something matching `pattern`?
    keys_only: the value is a mapping and only what chooses its keys counts: a dict literal's
    fixed keys and keyword arguments hide their values, a call other than a conversion
    (`dict`, `json.loads`, `.copy()`) hides its arguments.
    branch_tests: also the test of the branch a value is bound in, where an if/else binds the
    name in every branch (`if is_safe(url): url = iri_to_uri(url) else: url = None`): the
    evidence of a check (`not-from-regex`), never of a source."""
    # rules ask about the same value (the first argument of `execute` is tested for request
    # data, model output, string building): its origins and their texts are found once
    cache: dict[tuple, Any] = doc.__dict__.setdefault("_flow_cache", {})
    key = (node.id, safe_calls, keys_only)
    found = cache.get(key)
    if found is None:
        found = cache[key] = origins(node, doc, safe_calls, keys_only)
    for n in found:
        text_key = ("masked", n.id, safe_calls, keys_only)
        text = cache.get(text_key)
        if text is None:
            text = cache[text_key] = masked_text(n, doc, safe_calls, keys_only, flow=True)
        if pattern.search(text):
            return True
    if branch_tests and doc.language == "python":
        for n in found[1:]:
            test = _rebinding_branch_test(n, doc)
            if test is not None and pattern.search(doc.node_text(test)):
                return True
    return False


def _rebinding_branch_test(value: Node, doc: Document) -> Node | None:
    """Python: the test of the if/elif branch where `name = value` is a statement, when the
    whole if/elif/else binds the name in every branch (the value replaces what came before) and
    the test reads the name (`if url_has_allowed_host_and_scheme(url=target, ...)`)."""
    assign = value.parent
    if assign is None or assign.type != "assignment" or assign.child_by_field_name("right") != value:
        return None
    left = assign.child_by_field_name("left")
    stmt = assign.parent
    block = stmt.parent if stmt is not None and stmt.type == "expression_statement" else None
    branch = block.parent if block is not None and block.type == "block" else None
    if left is None or left.type != "identifier" or branch is None \
            or branch.type not in ("if_statement", "elif_clause"):
        return None
    top = branch if branch.type == "if_statement" else branch.parent
    if top is None or top.type != "if_statement":
        return None
    name = doc.node_text(left)
    bodies = [top.child_by_field_name("consequence")]
    has_else = False
    for alt in top.children_by_field_name("alternative"):
        if alt.type == "elif_clause":
            bodies.append(alt.child_by_field_name("consequence"))
        elif alt.type == "else_clause":
            bodies.append(alt.child_by_field_name("body"))
            has_else = True
    if not has_else or not all(b is not None and _assigns(b, name, doc) for b in bodies):
        return None
    test = branch.child_by_field_name("condition")
    if test is None or not any(doc.node_text(i) == name for i in _identifiers(test)):
        return None  # a test of something else says nothing of this value
    return test


def _identifiers(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            out.append(n)
        stack.extend(n.named_children)
    return out


def _assigns(block: Node, name: str, doc: Document) -> bool:
    for stmt in block.named_children:
        inner = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if inner is not None and inner.type == "assignment":
            left = inner.child_by_field_name("left")
            if left is not None and left.type == "identifier" and doc.node_text(left) == name:
                return True
        if stmt.type in ("return_statement", "raise_statement"):
            return True
    return False


def is_string_built(node: Node | None, doc: Document, safe_calls: frozenset[str] = frozenset()) -> bool:
    """Is the value a string put together at run time (f-string/template interpolation,
    concatenation, `%`, `.format`, `join`, `Sprintf`...) from a part that is not constant?"""
    if node is None or SYNTAX.get(doc.language) is None:
        return False
    return not is_constant(node, doc, safe_calls) and _stringish(node, doc, 0, frozenset())


def _stringish(node: Node, doc: Document, depth: int, seen: frozenset[int]) -> bool:
    """Is the value a string built from literals and formatting (constant or not)?"""
    syn = SYNTAX[doc.language]
    if depth > MAX_DEPTH:
        return False
    t = node.type
    if t in syn.string:
        return True
    if t in syn.wrappers:
        return any(_stringish(c, doc, depth + 1, seen) for c in node.named_children)
    if t in syn.binary:
        op = node.child_by_field_name("operator")
        op_text = doc.node_text(op) if op is not None else ""
        parts = [c for c in node.named_children if c.type != "comment"]
        if op_text == "+":
            return any(_stringish(p, doc, depth + 1, seen) for p in parts)
        if op_text == "%" and parts:
            return _stringish(parts[0], doc, depth + 1, seen)
        return False
    if t in ("conditional_expression", "ternary_expression"):
        return any(_stringish(c, doc, depth + 1, seen) for c in node.named_children[1:])
    if t == syn.call:
        name = call_name(node, doc)
        builders = STRING_BUILDERS.get(doc.language, frozenset())
        return name in builders or ("." in name and name.rsplit(".", 1)[-1] in builders)
    if t in syn.identifier:
        key = name_key(node, doc)
        if key in seen:
            return False
        values = py_bindings(node, doc) if doc.language == "python" else assigned_values(node, doc)
        return any(_stringish(v, doc, depth + 1, seen | {key}) for v in values)
    return False
