"""What a name is bound to: assignments before a use, in its scope or an enclosing one, per language;
the parameter that declares a name; Python's other binding sites (loops, `with ... as`, `:=`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.engine.localflow.syntax import SYNTAX, enclosing_scope

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document


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
    assigns, blockers = _scope_sites(scope, doc, lang)
    values: list[Node] = []
    blocked = False
    for n, text in assigns:
        if name not in text:
            continue  # it binds `name` only through an identifier spelled so inside it
        value = _value_for(n, name, doc, lang)
        if value is not None:
            if value == "unknown":
                blocked = True
            elif n.start_byte < before or scope.type in _ORDER_FREE_SCOPES.get(lang, ()):
                values.append(value)
    if not blocked:
        blocked = any(name in text and _binds(n, name, doc) for n, text in blockers)
    return values, blocked


def _scope_sites(scope: Node, doc: Document, lang: str) -> tuple[list[tuple[Node, str]], list[tuple[Node, str]]]:
    """The assignments and the other binding sites of a scope (not of the functions nested in it),
    with their texts, in walk order: one walk per scope and document, whatever the number of names
    looked up in it (a long function used to be walked once per name)."""
    cache = doc.__dict__.setdefault("_railguard_scope_sites", {})
    key = (scope.id, scope.start_byte, scope.end_byte)
    hit = cache.get(key)
    if hit is not None:
        return hit
    assign_types = _ASSIGN_TYPES.get(lang, set())
    blocker_types = _BINDING_BLOCKERS.get(lang, set())
    syn = SYNTAX[doc.language]
    assigns: list[tuple[Node, str]] = []
    blockers: list[tuple[Node, str]] = []
    stack = [scope]
    budget = 20000
    while stack and budget:
        budget -= 1
        n = stack.pop()
        if n is not scope and n.type in syn.scopes and n.type not in ("class_body",):
            continue  # nested functions have their own names
        t = n.type
        if t in assign_types:
            assigns.append((n, doc.node_text(n)))
        elif t in blocker_types:
            blockers.append((n, doc.node_text(n)))
        stack.extend(n.named_children)
    cache[key] = (assigns, blockers)
    return assigns, blockers


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


def dominating_assignment(ident: Node, doc: Document) -> Node | None:
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
            # the statement holding the use may bind the name on the way (`if c: name = ...; use`)
            if value is not None and stmt.start_byte <= ident.start_byte and any(
                    not (v.start_byte <= ident.start_byte < v.end_byte)
                    for v in py_bindings_in(stmt, name, ident.start_byte, doc)):
                return None
            break
        inner = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if inner is not None and inner.type == "assignment":
            left = inner.child_by_field_name("left")
            if left is not None and left.type == "identifier" and doc.node_text(left) == name:
                value = inner.child_by_field_name("right")
                continue
        if value is not None and py_bindings_in(stmt, name, ident.start_byte, doc):
            return None
    return value


# JavaScript function nodes (constants.py reads them too)
JS_FUNCTIONS = frozenset({"function_declaration", "function_expression", "arrow_function", "function",
                          "method_definition", "generator_function_declaration"})


def js_branch_assignment(ident: Node, doc: Document) -> Node | None:
    """JavaScript: the value of `name = value`, a statement of a block that holds the use (in the
    branch the use runs in, also through callbacks created there), when no other assignment of
    the name can run after it: none between it and the use, and none later in the function except
    in a branch that excludes this one (`if (c) { p = "/usr/bin/x"; run(p + " -v") } else { p = f() }`)."""
    name = doc.node_text(ident)
    node, owner = ident, None
    while node.parent is not None:
        parent = node.parent
        if parent.type == "statement_block" or parent.type == "program":
            value = None
            for stmt in parent.named_children:
                if stmt.start_byte >= node.start_byte:
                    break
                target = _js_assigned(stmt, name, doc)
                if target is not None:
                    value = target
                elif value is not None and _js_assigns(stmt, name, doc):
                    return None
            if value is not None:
                owner = _enclosing_function(parent)
                scope = owner if owner is not None else parent
                for other in _js_assignments(scope, name, doc):
                    if other.start_byte > value.end_byte and not _exclusive(value, other):
                        return None
                return value
        if parent.type in JS_FUNCTIONS and parent.parent is not None and parent.parent.type != "arguments":
            return None  # a function declared here may run anywhere: only callbacks created in place
        node = parent
    return None


def _js_assigned(stmt: Node, name: str, doc: Document) -> Node | None:
    if stmt.type != "expression_statement" or not stmt.named_children:
        return None
    e = stmt.named_children[0]
    if e.type != "assignment_expression":
        return None
    left = e.child_by_field_name("left")
    if left is None or left.type != "identifier" or doc.node_text(left) != name:
        return None
    return e.child_by_field_name("right")


def _js_assignments(scope: Node, name: str, doc: Document) -> list[Node]:
    """The assignments of the name under scope (one walk per scope and name: kept on the document)."""
    cache: dict[tuple[int, str], list[Node]] = doc.__dict__.setdefault("_js_assignments", {})
    key = (scope.id, name)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _walk_assignments(scope, name, doc)
    return found


def _walk_assignments(scope: Node, name: str, doc: Document) -> list[Node]:
    out, stack = [], [scope]
    while stack:
        n = stack.pop()
        if n.type in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
            left = n.child_by_field_name("left") or n.child_by_field_name("argument")
            if left is not None and left.type == "identifier" and doc.node_text(left) == name:
                out.append(n)
        stack.extend(n.named_children)
    return out


def _js_assigns(stmt: Node, name: str, doc: Document) -> bool:
    return bool(_walk_assignments(stmt, name, doc))


def _enclosing_function(node: Node) -> Node | None:
    while node is not None and node.type not in JS_FUNCTIONS:
        node = node.parent
    return node


def _exclusive(a: Node, b: Node) -> bool:
    """The two nodes lie in different branches of one `if` (one in its consequence, the other in
    its else part): they never both run."""
    ancestors: dict[int, Node] = {}
    n: Node | None = a
    while n is not None:
        ancestors[n.id] = n
        n = n.parent
    child_b: Node | None = None
    n = b
    while n is not None and n.id not in ancestors:
        child_b, n = n, n.parent
    if n is None or n.type != "if_statement" or child_b is None:
        return False
    child_a = next((c for c in n.children if c.start_byte <= a.start_byte and a.end_byte <= c.end_byte), None)
    condition = n.child_by_field_name("condition")
    return child_a is not None and child_a.id != child_b.id and condition is not None \
        and condition.id not in (child_a.id, child_b.id)


def py_bindings(ident: Node, doc: Document) -> list[Node]:
    """Python: every value bound to the name before this use, in its scope (or the module)."""
    name = doc.node_text(ident)
    scope = enclosing_scope(ident, doc)
    while scope is not None:
        values = py_bindings_in(scope, name, ident.start_byte, doc)
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


def py_bindings_in(scope: Node, name: str, before: int, doc: Document) -> list[Node]:
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
