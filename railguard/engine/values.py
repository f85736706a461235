"""Small, language-aware questions about tree-sitter nodes.

* ``is_constant``: is this expression built only from literals (following local
  assignments of plain names), or made safe by a cast such as ``int(...)``?
* ``context_names``: the names a value flows into or comes out of (assignment
  target, keyword argument, dict key, enclosing function), used by rules that
  judge intent by naming (``token = random.random()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document


@dataclass(frozen=True)
class Syntax:
    literals: frozenset[str]
    string: frozenset[str]  # string node types that may hold interpolations
    interpolation: frozenset[str]
    binary: frozenset[str]
    wrappers: frozenset[str]  # parentheses and the like: constant if the child is
    collections: frozenset[str]
    call: str
    identifier: frozenset[str]
    scopes: frozenset[str]
    safe_casts: frozenset[str]


SYNTAX: dict[str, Syntax] = {
    "python": Syntax(
        literals=frozenset({"integer", "float", "true", "false", "none", "ellipsis"}),
        string=frozenset({"string", "concatenated_string"}),
        interpolation=frozenset({"interpolation"}),
        binary=frozenset({"binary_operator", "boolean_operator", "unary_operator", "comparison_operator"}),
        wrappers=frozenset({"parenthesized_expression", "expression_statement"}),
        collections=frozenset({"list", "tuple", "set", "expression_list"}),
        call="call",
        identifier=frozenset({"identifier"}),
        scopes=frozenset({"function_definition", "lambda", "module", "class_definition"}),
        safe_casts=frozenset({"int", "float", "bool", "len", "abs", "round", "ord", "hash", "uuid.uuid4", "uuid4"}),
    ),
    "javascript": Syntax(
        literals=frozenset({"number", "true", "false", "null", "undefined", "regex"}),
        string=frozenset({"string", "template_string"}),
        interpolation=frozenset({"template_substitution"}),
        binary=frozenset({"binary_expression", "unary_expression"}),
        wrappers=frozenset({"parenthesized_expression"}),
        collections=frozenset({"array", "object"}),
        call="call_expression",
        identifier=frozenset({"identifier"}),
        scopes=frozenset({"function_declaration", "function_expression", "arrow_function",
                          "method_definition", "program", "function"}),
        safe_casts=frozenset({"parseInt", "parseFloat", "Number", "Boolean", "Number.parseInt",
                              "Number.parseFloat", "Math.floor", "Math.round"}),
    ),
    "java": Syntax(
        literals=frozenset({"decimal_integer_literal", "hex_integer_literal", "octal_integer_literal",
                            "binary_integer_literal", "decimal_floating_point_literal", "true", "false",
                            "null_literal", "character_literal"}),
        string=frozenset({"string_literal", "text_block"}),
        interpolation=frozenset({"string_interpolation"}),
        binary=frozenset({"binary_expression", "unary_expression"}),
        wrappers=frozenset({"parenthesized_expression"}),
        collections=frozenset({"array_initializer"}),
        call="method_invocation",
        identifier=frozenset({"identifier"}),
        scopes=frozenset({"method_declaration", "constructor_declaration", "lambda_expression",
                          "class_body", "program"}),
        safe_casts=frozenset({"Integer.parseInt", "Long.parseLong", "Integer.valueOf", "Long.valueOf",
                              "Double.parseDouble", "UUID.randomUUID"}),
    ),
    "go": Syntax(
        literals=frozenset({"int_literal", "float_literal", "true", "false", "nil", "rune_literal"}),
        string=frozenset({"interpreted_string_literal", "raw_string_literal"}),
        interpolation=frozenset(),
        binary=frozenset({"binary_expression", "unary_expression"}),
        wrappers=frozenset({"parenthesized_expression"}),
        collections=frozenset({"composite_literal", "literal_value", "literal_element", "expression_list"}),
        call="call_expression",
        identifier=frozenset({"identifier"}),
        scopes=frozenset({"function_declaration", "method_declaration", "func_literal", "source_file"}),
        safe_casts=frozenset({"strconv.Itoa", "strconv.Atoi", "strconv.FormatInt", "strconv.ParseInt"}),
    ),
}
SYNTAX["typescript"] = SYNTAX["javascript"]
SYNTAX["tsx"] = SYNTAX["javascript"]

_MAX_DEPTH = 12


def syntax_for(language: str) -> Syntax | None:
    return SYNTAX.get(language)


def call_name(node: Node, doc: Document) -> str:
    """Dotted name of the function a call node calls ('' if not a plain name)."""
    func = node.child_by_field_name("function")
    if func is None:
        # Java: method_invocation has object + name
        name = node.child_by_field_name("name")
        obj = node.child_by_field_name("object")
        if name is None:
            return ""
        return (doc.node_text(obj) + "." if obj is not None else "") + doc.node_text(name)
    text = doc.node_text(func)
    return text if len(text) < 120 else ""


_PATH_JOINS = frozenset({"os.path.join", "path.join", "path.resolve", "filepath.Join", "Paths.get", "Path.of"})


def is_constant(node: Node | None, doc: Document, safe_calls: frozenset[str] = frozenset(),
                _depth: int = 0, _seen: frozenset[int] = frozenset()) -> bool:
    """True when the expression's value cannot carry data from outside the program."""
    syn = SYNTAX.get(doc.language)
    if node is None or syn is None or _depth > _MAX_DEPTH:
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
    if t in _TRANSPARENT:
        if t == "cast_expression" and _is_numeric_cast(node):
            return True
        return is_constant(_inner(node), doc, safe_calls, _depth + 1, _seen)
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
        if name in _PATH_JOINS:  # a path joined from constants is a constant
            args = node.child_by_field_name("arguments")
            return args is not None and all(is_constant(a, doc, safe_calls, _depth + 1, _seen)
                                            for a in args.named_children if a.type != "comment")
        if doc.language == "python" and name.endswith(".get"):
            return _constant_table_lookup(node, doc, _depth)
        return False
    if t == "subscript" and doc.language == "python":
        return _constant_table_lookup(node, doc, _depth)
    if t in ("dictionary", "pair") and doc.language == "python":
        return all(is_constant(c, doc, safe_calls, _depth + 1, _seen) for c in node.named_children
                   if c.type != "comment")
    if t == "keyword_argument" or t == "pair":  # JavaScript `{ key: value }`: the value
        return is_constant(node.child_by_field_name("value"), doc, safe_calls, _depth + 1, _seen)
    if t in syn.identifier:
        # A name met again on the same path is a cycle (`x = x + "a"`): it adds no outside
        # data of its own, so it is neutral here; keying on the name keeps the walk linear.
        key = _name_key(node, doc)
        if node.id in _seen or key in _seen:
            return True
        if doc.language == "python" and _allow_listed(node, doc):
            return True
        values = assigned_values(node, doc)
        if not values and doc.language == "python":
            last = _dominating_assignment(node, doc)
            values = [last] if last is not None else []
        if not values:
            return False
        seen = _seen | {node.id, key}
        return all(is_constant(v, doc, safe_calls, _depth + 1, seen) for v in values)
    return False


# Nodes whose value is the value of one child: TypeScript `x as T`, `x!`, `<T>x`,
# `x satisfies T`, Java casts (a numeric cast makes any value safe), Go `[]byte(s)`.
_TRANSPARENT = frozenset({"as_expression", "non_null_expression", "satisfies_expression",
                          "type_assertion", "cast_expression", "type_conversion_expression"})


def _inner(node: Node) -> Node | None:
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
    if node is None or syn is None or _depth > _MAX_DEPTH:
        return []
    while node is not None and (node.type in syn.wrappers or node.type in _TRANSPARENT):
        node = _inner(node)
    if node is None:
        return []
    if node.type in syn.identifier and node.id not in _seen:
        out: list[Node] = []
        for value in assigned_values(node, doc):
            out += resolved_values(value, doc, _depth + 1, _seen | {node.id})
        return out
    return [node]


_PARAMETER_LISTS = frozenset({"parameters", "formal_parameters", "parameter_list", "lambda_parameters"})
_NOT_VARIABLES = frozenset({"property_identifier", "field_identifier", "type_identifier", "shorthand_property_identifier"})
_FLOW_BUDGET = 60


def parameter_declaration(ident: Node, doc: Document) -> Node | None:
    """The parameter declaration that binds a plain name in an enclosing function, if any."""
    name = doc.node_text(ident)
    scope = enclosing_scope(ident, doc)
    while scope is not None:
        params = scope.child_by_field_name("parameters") or scope.child_by_field_name("parameter")
        if params is not None:
            if params.type == "identifier":  # JavaScript `req => ...`
                if doc.node_text(params) == name:
                    return params
            else:
                for param in params.named_children:
                    if _binds_name(param, name, doc):
                        return param
        scope = enclosing_scope(scope, doc)
    return None


def _binds_name(param: Node, name: str, doc: Document) -> bool:
    target = param.child_by_field_name("name") or param.child_by_field_name("pattern")
    if target is None:
        if param.type == "identifier":
            return doc.node_text(param) == name
        return any(c.type == "identifier" and doc.node_text(c) == name for c in param.named_children)
    if target.type == "identifier":
        return doc.node_text(target) == name
    return _binds(target, name, doc)


def flow_texts(node: Node | None, doc: Document) -> list[str]:
    """Texts of the expressions a value is built from: the value itself, and for every plain
    name in it, what the name was assigned (followed transitively) or the parameter that
    declares it (annotations included). Bounded; a small intra-procedural view of the flow."""
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
        for ident in _variables_in(n, doc):
            values = assigned_values(ident, doc)
            if values:
                stack.extend((v, depth + 1) for v in values)
                continue
            param = parameter_declaration(ident, doc)
            if param is not None and param.id not in seen:
                seen.add(param.id)
                texts.append(doc.node_text(param))
    return texts


def _variables_in(node: Node, doc: Document) -> list[Node]:
    syn = SYNTAX[doc.language]
    found: list[Node] = []
    stack = [node]
    while stack and len(found) < 20:
        n = stack.pop()
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


def _name_key(ident: Node, doc: Document) -> int:
    scope = enclosing_scope(ident, doc)
    return hash((doc.node_text(ident), scope.start_byte if scope is not None else -1))


def _membership(cond: Node | None, name: str, doc: Document, negated: bool) -> bool:
    """Is cond `name in X` (or `name not in X` when negated)?"""
    if cond is None or cond.type != "comparison_operator" or len(cond.named_children) != 2:
        return False
    left = cond.named_children[0]
    ops = [doc.node_text(c) for c in cond.children if not c.is_named]
    op = " ".join(" ".join(ops).split())
    return doc.node_text(left) == name and op == ("not in" if negated else "in")


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


def _allow_listed(ident: Node, doc: Document) -> bool:
    """Python: the use sits under `if name in X:`, or after `if name not in X: raise/return/abort()`."""
    name = doc.node_text(ident)
    scopes = SYNTAX["python"].scopes
    child, p = ident, ident.parent
    while p is not None and p.type not in scopes:
        if p.type == "if_statement" and child == p.child_by_field_name("consequence") \
                and _membership(p.child_by_field_name("condition"), name, doc, negated=False):
            return True
        if p.type in ("block", "module"):
            for stmt in p.named_children:
                if stmt.start_byte >= child.start_byte:
                    break
                if stmt.type == "if_statement" and _membership(stmt.child_by_field_name("condition"), name,
                                                                doc, negated=True) \
                        and _exits(stmt.child_by_field_name("consequence"), doc):
                    return True
        child, p = p, p.parent
    return False


def _dominating_assignment(ident: Node, doc: Document) -> Node | None:
    """Python: the value of the last plain `name = value` among the function body's own statements
    before the use, when nothing else rebinds the name in between (a re-assigned parameter)."""
    name = doc.node_text(ident)
    scope = enclosing_scope(ident, doc)
    body = scope.child_by_field_name("body") if scope is not None else None
    if body is None:
        return None
    value: Node | None = None
    for stmt in body.named_children:
        if stmt.end_byte > ident.start_byte:
            break
        inner = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if inner is not None and inner.type == "assignment":
            left = inner.child_by_field_name("left")
            if left is not None and left.type == "identifier" and doc.node_text(left) == name:
                value = inner.child_by_field_name("right")
                continue
        if value is not None and _py_bindings_in(stmt, name, ident.start_byte, doc):
            return None
    return value


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
    if table is None or table.type != "identifier" or depth > _MAX_DEPTH:
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


def enclosing_scope(node: Node, doc: Document) -> Node | None:
    syn = SYNTAX[doc.language]
    p = node.parent
    while p is not None and p.type not in syn.scopes:
        p = p.parent
    return p


def assigned_values(ident: Node, doc: Document) -> list[Node]:
    """Right-hand sides assigned to a plain name in its scope before the use (and at module level).

    Returns [] when the name is a parameter, bound by a loop, or never assigned.
    """
    name = doc.node_text(ident)
    syn = SYNTAX[doc.language]
    scope = enclosing_scope(ident, doc)
    values: list[Node] = []
    while scope is not None:
        found, blocked = _assignments_in(scope, name, ident.start_byte, doc)
        if blocked:
            return []
        if found:
            values = found
            break
        p = scope.parent
        while p is not None and p.type not in syn.scopes:
            p = p.parent
        scope = p
    return values


# Scopes whose names are visible before their declaration: module globals of Python
# (when a function runs), Java fields, Go package-level constants and variables.
_ORDER_FREE_SCOPES = {"python": ("module",), "java": ("class_body",), "go": ("source_file",)}

_ASSIGN_TYPES = {
    "python": {"assignment"},
    "javascript": {"variable_declarator", "assignment_expression"},
    "java": {"variable_declarator", "assignment_expression"},
    "go": {"short_var_declaration", "assignment_statement", "const_spec", "var_spec"},
}
_BINDING_BLOCKERS = {
    "python": {"parameters", "for_statement", "with_item", "for_in_clause", "augmented_assignment",
               "lambda_parameters", "global_statement", "nonlocal_statement", "import_from_statement",
               "import_statement", "as_pattern"},
    "javascript": {"formal_parameters", "for_in_statement", "augmented_assignment_expression",
                   "import_statement"},
    "java": {"formal_parameters", "enhanced_for_statement", "catch_formal_parameter"},
    "go": {"parameter_list", "range_clause"},
}


def _assignments_in(scope: Node, name: str, before: int, doc: Document) -> tuple[list[Node], bool]:
    """(values assigned to name in this scope, whether the name is bound some other way)."""
    if doc.language == "python" and scope.type == "module":
        # position does not matter at module level in Python: answer once per name
        cache = doc.__dict__.setdefault("_railguard_module_assignments", {})
        hit = cache.get(name)
        if hit is None:
            hit = cache[name] = _assignments_walk(scope, name, before, doc)
        return list(hit[0]), hit[1]
    return _assignments_walk(scope, name, before, doc)


def _assignments_walk(scope: Node, name: str, before: int, doc: Document) -> tuple[list[Node], bool]:
    lang = "javascript" if doc.language in ("typescript", "tsx") else doc.language
    assign_types = _ASSIGN_TYPES.get(lang, set())
    blockers = _BINDING_BLOCKERS.get(lang, set())
    syn = SYNTAX[doc.language]
    values: list[Node] = []
    blocked = False
    stack = [scope]
    budget = 20000
    while stack and budget:
        budget -= 1
        n = stack.pop()
        if n is not scope and n.type in syn.scopes and n.type not in ("class_body",):
            continue  # nested functions have their own names
        t = n.type
        if t in assign_types:
            value = _value_for(n, name, doc, lang)
            if value is not None:
                if value == "unknown":
                    blocked = True
                elif n.start_byte < before or scope.type in _ORDER_FREE_SCOPES.get(lang, ()):
                    values.append(value)
        elif t in blockers and _binds(n, name, doc):
            blocked = True
        stack.extend(n.named_children)
    return values, blocked


def _binds(n: Node, name: str, doc: Document) -> bool:
    stack = [n]
    while stack:
        c = stack.pop()
        if c.type == "identifier" and doc.node_text(c) == name:
            return True
        if c.type in ("block", "statement_block", "body"):
            continue
        stack.extend(c.named_children)
    return False


_PATTERN_NAMES = frozenset({"identifier", "shorthand_property_identifier_pattern"})


def _binds_pattern(pattern: Node, name: str, doc: Document) -> bool:
    stack = [pattern]
    while stack:
        c = stack.pop()
        if c.type in _PATTERN_NAMES and doc.node_text(c) == name:
            return c.parent is None or c.parent.type != "pair_pattern" or c.parent.child_by_field_name("key") is None \
                or c.parent.child_by_field_name("key").id != c.id
        stack.extend(c.named_children)
    return False


def _value_for(n: Node, name: str, doc: Document, lang: str):
    """The value node assigned to `name` by assignment node n, None if n assigns something else,
    or "unknown" when n assigns `name` in a way we do not follow (unpacking, augmented)."""
    if lang == "python":
        left = n.child_by_field_name("left")
        right = n.child_by_field_name("right")
        if left is None:
            return None
        if left.type == "identifier":
            if doc.node_text(left) != name:
                return None
            return right if right is not None else "unknown"
        if _binds(left, name, doc):
            return "unknown"
        return None
    if lang == "javascript":
        left = n.child_by_field_name("name") or n.child_by_field_name("left")
        right = n.child_by_field_name("value") or n.child_by_field_name("right")
        if left is None:
            return None
        if left.type == "identifier":
            if doc.node_text(left) != name:
                return None
            return right if right is not None else "unknown"
        if left.type in ("object_pattern", "array_pattern") and _binds_pattern(left, name, doc):
            # `const { id } = req.params`: the part comes from the whole value
            return right if right is not None else "unknown"
        return "unknown" if _binds(left, name, doc) else None
    if lang == "java":
        left = n.child_by_field_name("name") or n.child_by_field_name("left")
        right = n.child_by_field_name("value") or n.child_by_field_name("right")
        if left is None or left.type != "identifier" or doc.node_text(left) != name:
            return None
        return right if right is not None else "unknown"
    if lang == "go":
        left = n.child_by_field_name("left") or n.child_by_field_name("name")
        right = n.child_by_field_name("right") or n.child_by_field_name("value")
        if left is None:
            return None
        names = [c for c in ([left] if left.type == "identifier" else left.named_children)
                 if c.type == "identifier"]
        idx = next((i for i, c in enumerate(names) if doc.node_text(c) == name), None)
        if idx is None:
            return None
        if right is None:
            return "unknown"
        rights = right.named_children if right.type == "expression_list" else [right]
        if len(rights) == len(names):
            return rights[idx]
        return "unknown"
    return None


_NAME_HOLDERS = {
    "assignment": "left",
    "augmented_assignment": "left",
    "variable_declarator": "name",
    "assignment_expression": "left",
    "keyword_argument": "name",
    "pair": "key",
    "short_var_declaration": "left",
    "assignment_statement": "left",
    "keyed_element": None,
    "return_statement": None,
    "field_declaration": None,
    "var_spec": "name",
    "const_spec": "name",
    "public_field_definition": "name",
}
_FUNCTIONS = {"function_definition", "function_declaration", "method_definition", "method_declaration",
              "function_expression"}


def context_names(node: Node, doc: Document, max_up: int = 8) -> list[str]:
    """Names the value of node flows into: assignment targets, keyword names, dict keys,
    and the enclosing function's name when the value is returned."""
    names: list[str] = []
    p = node.parent
    child = node
    steps = 0
    returned = False
    while p is not None and steps < max_up:
        steps += 1
        t = p.type
        if t in _NAME_HOLDERS:
            field_name = _NAME_HOLDERS[t]
            if t == "return_statement":
                returned = True
            elif t == "keyed_element":
                if p.named_children and p.named_children[0] is not None:
                    names.append(doc.node_text(p.named_children[0]))
            elif t == "field_declaration":
                for c in p.named_children:
                    if c.type == "variable_declarator":
                        n = c.child_by_field_name("name")
                        if n is not None:
                            names.append(doc.node_text(n))
            else:
                target = p.child_by_field_name(field_name) if field_name else None
                if target is not None and target.id != child.id:
                    names.append(doc.node_text(target))
        if t in _FUNCTIONS or t == "lambda" or t == "arrow_function":
            if returned or t in ("lambda", "arrow_function"):
                n = p.child_by_field_name("name")
                if n is None and p.parent is not None and p.parent.type == "variable_declarator":
                    n = p.parent.child_by_field_name("name")  # const makeToken = () => ...
                if n is not None:
                    names.append(doc.node_text(n))
            break
        if t in ("expression_statement", "block", "statement_block") and not returned:
            break
        child = p
        p = p.parent
    return names


# --- where a value comes from: `from-regex`, `uses-regex`, `string-built` ---------------------
#
# A small intra-procedural view of a value: the expression itself plus, for every plain name
# it reads, the values bound to that name earlier in the same function (or at module level):
# assignments, augmented assignments (`sql += ...`), loop targets (the iterable), `with ... as`
# and `:=`. Followed transitively, with a budget, never into other functions.

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
_PY_FLOW_BINDERS = {"for_statement", "for_in_clause", "with_item", "named_expression"}


def _is_safe_call(node: Node, doc: Document, safe_calls: frozenset[str]) -> bool:
    syn = SYNTAX[doc.language]
    if node.type != syn.call:
        return False
    name = call_name(node, doc)
    return name in syn.safe_casts or name in safe_calls


def masked_text(node: Node, doc: Document, safe_calls: frozenset[str] = frozenset()) -> str:
    """The node's text with literal string content, comments and the arguments of safe calls
    (numeric casts, ``safe_calls``) blanked out: what the expression *reads*, not what it says."""
    if SYNTAX.get(doc.language) is None:
        return doc.node_text(node)
    base = node.start_byte
    data = bytearray(doc.data[node.start_byte:node.end_byte])
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in _STRING_PARTS or _is_safe_call(n, doc, safe_calls):
            for i in range(n.start_byte - base, n.end_byte - base):
                if data[i] not in (10, 13):
                    data[i] = 32
            continue
        if n.type in ("string", "string_literal", "interpreted_string_literal", "raw_string_literal") \
                and n.named_child_count == 0 and n.child_count == 0:
            continue
        stack.extend(n.children)
    return data.decode("utf-8", "replace")


def _read_names(node: Node, doc: Document, safe_calls: frozenset[str]) -> list[Node]:
    """Plain names the expression reads (not attribute names, keyword names or safe-call args)."""
    syn = SYNTAX[doc.language]
    out: list[Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
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


def _py_bindings(ident: Node, doc: Document) -> list[Node]:
    """Python: every value bound to the name before this use, in its scope (or the module)."""
    name = doc.node_text(ident)
    scope = enclosing_scope(ident, doc)
    while scope is not None:
        values = _py_bindings_in(scope, name, ident.start_byte, doc)
        if values or scope.type == "module":
            return values
        if _binds_parameter(scope, name, doc):
            return []
        p = scope.parent
        while p is not None and p.type not in SYNTAX["python"].scopes:
            p = p.parent
        scope = p
    return []


def _binds_parameter(scope: Node, name: str, doc: Document) -> bool:
    params = scope.child_by_field_name("parameters")
    return params is not None and _binds(params, name, doc)


def _py_bindings_in(scope: Node, name: str, before: int, doc: Document) -> list[Node]:
    """Values bound to `name` in this scope before `before` (anywhere in a module scope)."""
    module = scope.type == "module"
    index = _scope_bindings(scope, doc)
    return [v for start, v in index.get(name, ()) if module or start < before]


def _scope_bindings(scope: Node, doc: Document) -> dict[str, list[tuple[int, Node]]]:
    """name -> [(start byte of the binding statement, value)] for one scope, built once per
    document and scope (rules ask about many names of the same function)."""
    cache = doc.__dict__.setdefault("_railguard_bindings", {})
    key = (scope.start_byte, scope.end_byte, scope.type)
    index = cache.get(key)
    if index is None:
        index = {}
        for start, left, right in _binding_sites(scope):
            for ident in _bound_identifiers(left):
                index.setdefault(doc.node_text(ident), []).append((start, right))
        cache[key] = index
    return index


def _bound_identifiers(left: Node) -> list[Node]:
    out: list[Node] = []
    stack = [left]
    while stack:
        c = stack.pop()
        if c.type == "identifier":
            out.append(c)
        elif c.type not in ("block", "body", "attribute", "subscript", "call"):
            stack.extend(c.named_children)
    return out


def _binding_sites(scope: Node) -> list[tuple[int, Node, Node]]:
    sites: list[tuple[int, Node, Node]] = []
    stack = [scope]
    budget = 20000
    while stack and budget:
        budget -= 1
        n = stack.pop()
        if n is not scope and n.type in SYNTAX["python"].scopes:
            continue
        stack.extend(n.named_children)
        t = n.type
        if t in ("assignment", "augmented_assignment"):
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
        elif t in ("for_statement", "for_in_clause"):
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
        elif t == "with_item":
            value = n.child_by_field_name("value")
            if value is None or value.type != "as_pattern":
                continue
            left = value.child_by_field_name("alias")
            right = value.named_children[0] if value.named_children else None
        elif t == "named_expression":
            left, right = n.child_by_field_name("name"), n.child_by_field_name("value")
        else:
            continue
        if left is not None and right is not None:
            sites.append((n.start_byte, left, right))
    return sites


def origins(node: Node, doc: Document, safe_calls: frozenset[str] = frozenset()) -> list[Node]:
    """The expression and, transitively, the values bound to the names it reads."""
    if SYNTAX.get(doc.language) is None:
        return [node]
    found: list[Node] = [node]
    seen_names: set[tuple[str, int]] = set()
    i = 0
    while i < len(found) and len(found) < _MAX_ORIGINS:
        for ident in _read_names(found[i], doc, safe_calls):
            scope = enclosing_scope(ident, doc)
            key = (doc.node_text(ident), scope.id if scope is not None else 0)
            if key in seen_names:
                continue
            seen_names.add(key)
            if doc.language == "python" and _allow_listed(ident, doc):
                continue
            values = _py_bindings(ident, doc) if doc.language == "python" else assigned_values(ident, doc)
            for v in values:
                if len(found) >= _MAX_ORIGINS:
                    break
                if all(v.id != f.id for f in found):
                    found.append(v)
        i += 1
    return found


def flows_from(node: Node, doc: Document, pattern, safe_calls: frozenset[str] = frozenset()) -> bool:
    """Does the value, or a value it is built from, read something matching `pattern`?"""
    return any(pattern.search(masked_text(n, doc, safe_calls)) for n in origins(node, doc, safe_calls))


def is_string_built(node: Node | None, doc: Document, safe_calls: frozenset[str] = frozenset()) -> bool:
    """Is the value a string put together at run time (f-string/template interpolation,
    concatenation, `%`, `.format`, `join`, `Sprintf`...) from a part that is not constant?"""
    if node is None or SYNTAX.get(doc.language) is None:
        return False
    return not is_constant(node, doc, safe_calls) and _stringish(node, doc, 0, frozenset())


def _stringish(node: Node, doc: Document, depth: int, seen: frozenset[int]) -> bool:
    """Is the value a string built from literals and formatting (constant or not)?"""
    syn = SYNTAX[doc.language]
    if depth > _MAX_DEPTH:
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
        key = _name_key(node, doc)
        if key in seen:
            return False
        values = _py_bindings(node, doc) if doc.language == "python" else assigned_values(node, doc)
        return any(_stringish(v, doc, depth + 1, seen | {key}) for v in values)
    return False
