"""Expressions: literals, operators, containers, comprehensions, subscripts and attributes.

Mixed into `FunctionRun` (flow.py); `eval` dispatches on the node type to the `e_<type>`
methods (calls are in calls.py). Constants are folded so that branches on them are decided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern
from railguard.engine.taint.model import CSRF_FORM, HEADER, PROXY_HEADER, REFERRER
from railguard.engine.taint.state import ALL_KINDS, READ_KEY, BudgetExceeded, Env
from railguard.engine.taint.syntax import PLACEHOLDER, node_text, string_literal, unescape
from railguard.engine.taint.values import (
    APP_PATH,
    CLEAN,
    NO_DOTS,
    NO_LEADING_SLASH,
    NOCONST,
    UNKNOWN,
    UPLOAD,
    UPLOAD_ATTRIBUTES,
    UPLOADS,
    URL_BASE,
    Flow,
    Origin,
    Value,
    compare,
    concat,
    element_of,
    fold,
    formatted_host_fixed,
    hashable,
    host_fixed_flows,
    in_query,
    int_keys,
    is_request_value,
    join,
    starts_query,
)

if TYPE_CHECKING:
    from tree_sitter import Node

MAX_EVALS_PER_FUNCTION = 40000
# where request headers are read (`request.headers`, Django's `request.META`, WSGI's `environ`)
_HEADERS = LazyPattern(r"\b(?:headers|META|environ)\b")
# what a value stripped of its leading slashes cannot do once "/" comes before it: leave this site
_OFFSITE = frozenset({"open-redirect"})
_PATH = frozenset({"path-traversal"})


def _between(fmt: str, found: list) -> list[str]:
    """The fixed texts of a %-format around its placeholders (one more than there are)."""
    ends = [0, *(m.end() for m in found)]
    starts = [*(m.start() for m in found), len(fmt)]
    return [fmt[a:b].replace("%%", "%") for a, b in zip(ends, starts, strict=True)]


class ExpressionsMixin:
    """Evaluates expressions to abstract values."""

    def eval(self, node: Node | None, env: Env) -> Value:
        if node is None:
            return CLEAN
        self.evals += 1
        if self.evals > MAX_EVALS_PER_FUNCTION:
            raise BudgetExceeded
        t = node.type
        if self.guarded_reads and t in ("call", "attribute", "subscript"):
            checked = env.get(READ_KEY + node_text(node))
            if checked is not None:
                return checked  # the same read, checked by an enclosing guard
        m = getattr(self, "e_" + t, None)
        if m is not None:
            return m(node, env)
        if t in ("integer", "float"):
            try:
                return Value(const=int(node_text(node).replace("_", ""), 0) if t == "integer" else float(node_text(node)))
            except ValueError:
                return CLEAN
        if t == "true":
            return Value(const=True)
        if t == "false":
            return Value(const=False)
        if t == "none":
            return Value(const=None)
        if t in ("parenthesized_expression", "expression_statement"):
            vals = [self.eval(c, env) for c in node.named_children if c.type != "comment"]
            return vals[-1] if vals else CLEAN
        if t in ("lambda", "ellipsis", "comment"):
            return CLEAN
        if t == "await":
            return self.eval(node.named_children[0], env) if node.named_children else CLEAN
        if t in ("list_splat", "dictionary_splat", "parenthesized_list_splat"):
            return self.eval(node.named_children[0], env).flat() if node.named_children else CLEAN
        # unknown constructs: propagate whatever their parts carry
        vals = [self.eval(c, env) for c in node.named_children]
        return join(*vals).flat() if vals else UNKNOWN

    def e_identifier(self, node: Node, env: Env) -> Value:
        name = node_text(node)
        v = env.get(name)
        if v is not None:
            return v
        v = self.fa.globals.get(name)
        if v is not None:
            return v
        src = self.model.name_sources.get(self.fa.resolve(name))
        if src:
            return self._source_value(self.fa.resolve(name), src, node)
        if name in self.fa.imports or name in self.fa.functions:
            return CLEAN
        if name in self.lib.builtin_names:
            return CLEAN
        return UNKNOWN

    def e_string(self, node: Node, env: Env) -> Value:
        lit = string_literal(node)
        if lit is not None:
            return Value(const=lit, prefix=lit, shape="str")
        flows: set[Flow] = set()
        prefix_parts: list[str] = []
        prefix_done = False
        parts: list[Value] = []
        query = False  # a fixed "?" or "#" came before: what follows is query or fragment
        for c in node.children:
            if c.type == "string_content" or c.type == "escape_sequence":
                text = unescape(node_text(c), False)
                parts.append(Value(const=text, prefix=text, shape="str"))
                query = query or starts_query(text)
                if not prefix_done:
                    prefix_parts.append(text)
            elif c.type == "interpolation":
                expr = c.child_by_field_name("expression") or (c.named_children[0] if c.named_children else None)
                v = self.eval(expr, env)
                if query:
                    v = in_query(v)
                if any(p.is_const and p.const for p in parts) and any(NO_DOTS in f.cleared for f in v.all_flows()):
                    # f"{stem}.{ext}" where ext holds no dot: no ".." and no absolute path comes of it
                    v = Value(frozenset(f.clear(_PATH) if NO_DOTS in f.cleared else f for f in v.all_flows()),
                              prefix=v.prefix, shape=v.shape)
                conv = c.child_by_field_name("type_conversion")
                if conv is not None and node_text(conv) in ("!r", "!a"):
                    v = v.cleared(frozenset({"log-injection", "header-injection"}))
                parts.append(v)
                if v.is_const and not prefix_done:
                    prefix_parts.append(str(v.const))
                    continue
                if not prefix_done and v.shape == APP_PATH and not flows:
                    # f"{url_for(...)}&{query}": a path of this site, then text (what it carries goes on)
                    flows.update(v.all_flows())
                    prefix_parts.append("/")
                    continue
                if not prefix_done and v.prefix:
                    prefix_parts.append(v.prefix)  # f"{route}/{id}": the route's fixed start
                if v.all_flows():
                    prefix_done = True
                flows.update(v.all_flows())
                prefix_done = True
        fixed = host_fixed_flows(parts)
        if fixed is None and len(parts) == 2 and concat(parts).shape == URL_BASE:
            return Value(frozenset(flows), prefix="".join(prefix_parts), shape=URL_BASE)
        out = Value(fixed if fixed is not None else frozenset(flows), prefix="".join(prefix_parts), shape="str")
        if parts and parts[-1].is_const and isinstance(parts[-1].const, str):
            out.tail = parts[-1].const  # f"{name}.po": the fixed text it ends with
        return out

    def e_concatenated_string(self, node: Node, env: Env) -> Value:
        parts = [self.eval(c, env) for c in node.named_children]
        return concat(parts)

    def e_binary_operator(self, node: Node, env: Env) -> Value:
        left = self.eval(node.child_by_field_name("left"), env)
        right = self.eval(node.child_by_field_name("right"), env)
        op_node = node.child_by_field_name("operator")
        op = node_text(op_node) if op_node is not None else ""
        if op == "+" and left.const == "/" and right.shape == NO_LEADING_SLASH:
            # "/" + target.lstrip("/\\"): one slash, then no second one: a path of this site
            return Value(frozenset(f.clear(_OFFSITE) for f in right.all_flows()), prefix="/", shape="str")
        if left.is_const and right.is_const:
            folded = fold(op, left.const, right.const)
            if folded is not NOCONST:
                return Value(const=folded, prefix=folded if isinstance(folded, str) else None,
                             shape="str" if isinstance(folded, str) else "")
        if op == "+":
            if left.fields is not None and right.fields is not None and left.shape in ("list", "tuple") \
                    and int_keys(left.fields) and int_keys(right.fields):
                n = len(left.fields)
                fields = dict(left.fields)
                fields.update({n + k: v for k, v in right.fields.items()})
                return Value(left.flows | right.flows, fields, shape=left.shape)
            if left.fields is not None and left.shape in ("list", "tuple") and int_keys(left.fields) and left.fields:
                # ["tool", "-c", cfg] + args: a list of unknown length; its program (the prefix of an
                # argv list) is still known
                head = left.fields[min(left.fields)]
                program = head.const if head.is_const and isinstance(head.const, str) else None
                return Value(left.all_flows() | right.all_flows(), prefix=program, shape=left.shape)
            if _query_literal(node.child_by_field_name("left")):
                right = in_query(right)
            return concat([left, right])
        if op == "%" and (left.shape == "str" or isinstance(left.const, str)):
            fmt = left.const if isinstance(left.const, str) else (left.prefix or "")
            prefix = fmt.split("%", 1)[0]
            right_v = right
            if isinstance(left.const, str) and right.fields is not None and int_keys(right.fields):
                found = [m for m in PLACEHOLDER.finditer(fmt) if m.group(1) != "%"]
                convs = [m.group(1) for m in found]
                parts = []
                for i, v in sorted(right.fields.items()):
                    conv = convs[i] if i < len(convs) else "s"
                    if i < len(found) and starts_query(fmt[:found[i].start()]):
                        v = in_query(v)  # "%s?%s" % (path, query): after a fixed '?' it picks no destination
                    parts.append(v.cleared(ALL_KINDS) if conv in "dif" and conv else
                                 v.cleared(frozenset({"log-injection", "header-injection"})) if conv == "r" else v)
                right_v = join(*parts) if parts else CLEAN
                if len(found) == len(parts):
                    fixed = formatted_host_fixed(_between(fmt, found), parts)
                    if fixed is not None:
                        return Value(left.all_flows() | fixed, prefix=prefix, shape="str")
            elif isinstance(left.const, str):
                convs = [c for c in PLACEHOLDER.findall(fmt) if c != "%"]
                if convs and all(c in "dif" for c in convs):
                    right_v = right.cleared(ALL_KINDS)
            return Value(left.all_flows() | right_v.all_flows(), prefix=prefix, shape="str")
        v = join(left.flat(), right.flat())
        return Value(v.flows, shape=left.shape if left.shape == right.shape else "")

    def e_boolean_operator(self, node: Node, env: Env) -> Value:
        left_n = node.child_by_field_name("left")
        right_n = node.child_by_field_name("right")
        op_node = node.child_by_field_name("operator")
        op = node_text(op_node) if op_node is not None else ""
        left = self.eval(left_n, env)
        if left.is_const:
            if (op == "and" and not left.const) or (op == "or" and left.const):
                return left
            return self.eval(right_n, env)
        guarded = self.apply_guard(left_n, env.copy(), op == "and")
        right = self.eval(right_n, guarded)
        return join(left, right)

    def e_comparison_operator(self, node: Node, env: Env) -> Value:
        vals = [self.eval(c, env) for c in node.named_children]
        ops = [node_text(c) for c in node.children if not c.is_named]
        if len(vals) == 2 and len(ops) == 1 and all(v.is_const for v in vals):
            r = compare(ops[0], vals[0].const, vals[1].const)
            if r is not NOCONST:
                return Value(const=r)
        return CLEAN

    def e_not_operator(self, node: Node, env: Env) -> Value:
        v = self.eval(node.child_by_field_name("argument"), env)
        return Value(const=not v.const) if v.is_const else CLEAN

    def e_unary_operator(self, node: Node, env: Env) -> Value:
        v = self.eval(node.child_by_field_name("argument"), env)
        op = node_text(node.child_by_field_name("operator")) if node.child_by_field_name("operator") else ""
        if v.is_const and isinstance(v.const, (int, float)) and not isinstance(v.const, bool):
            return Value(const=-v.const if op == "-" else (~v.const if op == "~" and isinstance(v.const, int) else v.const))
        return v.flat()

    def e_conditional_expression(self, node: Node, env: Env) -> Value:
        parts = node.named_children
        if len(parts) < 3:
            return join(*[self.eval(p, env) for p in parts])
        a, cond, b = parts[0], parts[1], parts[2]
        cv = self.eval(cond, env)
        if cv.is_const:
            return self.eval(a if cv.const else b, env)
        va = self.eval(a, self.apply_guard(cond, env.copy(), True))
        vb = self.eval(b, self.apply_guard(cond, env.copy(), False))
        return join(va, vb)

    def e_named_expression(self, node: Node, env: Env) -> Value:
        v = self.eval(node.child_by_field_name("value"), env)
        name = node.child_by_field_name("name")
        if name is not None:
            self.bind(name, v, env, node)
        return v

    def e_assignment(self, node: Node, env: Env) -> Value:
        right = node.child_by_field_name("right")
        left = node.child_by_field_name("left")
        v = self.eval(right, env) if right is not None else UNKNOWN
        if left is not None:
            self.bind(left, v, env, node)
        return v

    def e_augmented_assignment(self, node: Node, env: Env) -> Value:
        left = node.child_by_field_name("left")
        right = self.eval(node.child_by_field_name("right"), env)
        old = self.eval(left, env) if left is not None else CLEAN
        op = node_text(node.child_by_field_name("operator")) if node.child_by_field_name("operator") else "+="
        if old.is_const and right.is_const:
            folded = fold(op[:-1], old.const, right.const)
            if folded is not NOCONST:
                new = Value(const=folded, prefix=folded if isinstance(folded, str) else None)
                if left is not None:
                    self.bind(left, new, env, node)
                return new
        if op == "+=" and old.fields is not None and right.fields is not None and int_keys(old.fields) \
                and int_keys(right.fields):
            n = len(old.fields)
            fields = dict(old.fields)
            fields.update({n + k: v for k, v in right.fields.items()})
            new = Value(old.flows | right.flows, fields, shape=old.shape)
        else:
            if op == "+=" and _query_literal(node.child_by_field_name("right"), leading=True):
                right = in_query(right)
            new = concat([old, right]) if op == "+=" else join(old.flat(), right.flat())
        if left is not None:
            self.bind(left, new, env, node)
        return new

    def e_list(self, node: Node, env: Env) -> Value:
        return self._sequence(node, env, "list")

    def e_tuple(self, node: Node, env: Env) -> Value:
        return self._sequence(node, env, "tuple")

    def e_expression_list(self, node: Node, env: Env) -> Value:
        return self._sequence(node, env, "tuple")

    def e_set(self, node: Node, env: Env) -> Value:
        v = self._sequence(node, env, "set")
        return Value(v.all_flows(), None, const=NOCONST, shape="set")

    def _sequence(self, node: Node, env: Env, shape: str) -> Value:
        fields: dict = {}
        extra: set[Flow] = set()
        precise = True
        for i, c in enumerate(c for c in node.named_children if c.type != "comment"):
            v = self.eval(c, env)
            if c.type in ("list_splat", "parenthesized_list_splat"):
                precise = False
                extra.update(v.all_flows())
                continue
            fields[i] = v
        if not precise:
            for v in fields.values():
                extra.update(v.all_flows())
            return Value(frozenset(extra), None, shape=shape)
        consts = [v.const for v in fields.values()]
        const = tuple(consts) if all(v.is_const for v in fields.values()) and shape == "tuple" else NOCONST
        return Value(frozenset(), fields, const=const, shape=shape)

    def e_dictionary(self, node: Node, env: Env) -> Value:
        fields: dict = {}
        extra: set[Flow] = set()
        for c in node.named_children:
            if c.type == "pair":
                k = self.eval(c.child_by_field_name("key"), env)
                v = self.eval(c.child_by_field_name("value"), env)
                if k.is_const and hashable(k.const):
                    fields[k.const] = v
                else:
                    extra.update(v.all_flows())
                    extra.update(k.all_flows())
            elif c.type == "dictionary_splat":
                extra.update(self.eval(c, env).all_flows())
        if extra:
            return Value(frozenset(extra) | frozenset().union(*[v.all_flows() for v in fields.values()])
                         if fields else frozenset(extra), None, shape="dict")
        return Value(frozenset(), fields, shape="dict")

    def _comprehension(self, node: Node, env: Env, shape: str) -> Value:
        local = env.copy()
        body = node.child_by_field_name("body")
        for c in node.named_children:
            if c.type == "for_in_clause":
                right = c.child_by_field_name("right")
                left = c.child_by_field_name("left")
                it = self.eval(right, local)
                if left is not None:
                    self.bind(left, element_of(it), local, c)
            elif c.type == "if_clause":
                cond = c.named_children[0] if c.named_children else None
                self.eval(cond, local)
                local = self.apply_guard(cond, local, True)
        if body is None:
            return CLEAN
        if body.type == "pair":
            k = self.eval(body.child_by_field_name("key"), local)
            v = self.eval(body.child_by_field_name("value"), local)
            return Value(k.all_flows() | v.all_flows(), shape=shape)
        v = self.eval(body, local)
        return Value(v.all_flows(), shape=shape, prefix=None)

    def e_list_comprehension(self, node: Node, env: Env) -> Value:
        return self._comprehension(node, env, "list")

    def e_set_comprehension(self, node: Node, env: Env) -> Value:
        return self._comprehension(node, env, "set")

    def e_generator_expression(self, node: Node, env: Env) -> Value:
        return self._comprehension(node, env, "list")

    def e_dictionary_comprehension(self, node: Node, env: Env) -> Value:
        return self._comprehension(node, env, "dict")

    def e_subscript(self, node: Node, env: Env) -> Value:
        obj = node.child_by_field_name("value")
        subs = node.children_by_field_name("subscript")
        ov = self.eval(obj, env)
        if not subs:
            return ov.flat()
        sub = subs[0]
        if sub.type == "slice":
            for c in sub.named_children:
                self.eval(c, env)
            if ov.is_const and isinstance(ov.const, str):
                return Value(const=NOCONST, prefix=None, shape="str")
            return Value(ov.all_flows(), None, prefix=None, shape=ov.shape)
        kv = self.eval(sub, env)
        if ov.shape == UPLOADS:
            return Value(ov.all_flows(), shape=UPLOAD)  # request.files["f"]: the uploaded file, an object
        referrer = self.referrer_read(ov, kv.const, node)
        if referrer is not None:
            return referrer
        if ov.fields is not None:
            if kv.is_const and hashable(kv.const):
                key = kv.const
                if isinstance(key, int) and key < 0 and int_keys(ov.fields):
                    key = len(ov.fields) + key
                if key in ov.fields:
                    return ov.fields[key].with_flows(ov.fields[key].flows | ov.flows)
                return Value(ov.flows | (UNKNOWN.flows if not ov.flows and ov.shape == "dict" else frozenset()))
            return element_of(ov)
        if ov.is_const and isinstance(ov.const, tuple) and kv.is_const and isinstance(kv.const, int):
            try:
                return Value(const=ov.const[kv.const])
            except IndexError:
                return CLEAN
        return Value(ov.all_flows(), prefix=None if ov.shape != "str" else None,
                     shape="str" if is_request_value(ov) else "")

    def e_attribute(self, node: Node, env: Env) -> Value:
        obj = node.child_by_field_name("object")
        attr_n = node.child_by_field_name("attribute")
        attr = node_text(attr_n) if attr_n is not None else ""
        full = node_text(node)
        if full in env:
            return env[full]
        obj_text = node_text(obj) if obj is not None else ""
        if attr == "method" and obj_text in self.model.request_objects and self._is_request_object(obj_text, env):
            only = self.fa.only_method(self.fn)
            if only:
                return Value(const=only, prefix=only, shape="str")  # a POST-only route sees "POST"
        if attr in self.model.request_attributes and obj_text in self.model.request_objects and \
                self._is_request_object(obj_text, env):
            kind = self.model.request_kind(attr)
            if attr in self.model.csrf_form_attributes and kind == "request" and self.fa.csrf_protected(self.fn):
                kind = CSRF_FORM  # a Django view's form body: the middleware refuses a POST without the token
            value = self._source_value(full, kind, node)
            return Value(value.flows, prefix="", shape=UPLOADS) if attr in UPLOAD_ATTRIBUTES else value
        resolved = self.fa.resolve(full)
        src = self.model.name_sources.get(resolved)
        if src:
            return self._source_value(resolved, src, node)
        ov = self.eval(obj, env)
        if obj is not None and obj.type == "identifier" and obj_text in self.fa.imports and obj_text not in env:
            return CLEAN  # a module's attribute: configuration or a constant
        if ov.fields is not None and attr in ov.fields:
            return ov.fields[attr]
        flows = ov.all_flows()
        if attr in ("name", "stem", "suffix") and ov.shape == "path":
            flows = frozenset(f.clear(frozenset({"path-traversal"})) for f in flows)
        if attr in ("parent", "stem", "suffix") and ov.shape == "path":
            return Value(flows, shape="path")
        return Value(flows, shape="str" if is_request_value(ov) else "")

    def _is_request_object(self, obj_text: str, env: Env) -> bool:
        if not self.fa.web:
            return False
        v = env.get(obj_text)
        # a local named `request` that holds data of ours (not a request object) does not count
        return v is None or not v.fields

    def referrer_read(self, ov: Value, key: object, node: Node) -> Value | None:
        """`request.headers["Referer"]`, `request.META.get("HTTP_REFERER")`: the page that linked
        here, a source of its own kind (model: sources.referrer); `request.headers["X-Forwarded-Host"]`,
        a header of the proxy in front (model: sources.proxy-headers)."""
        if not isinstance(key, str) or ov.shape != "request":
            return None
        kind = REFERRER if key in self.model.referrer_parts else \
            PROXY_HEADER if key.lower() in self.model.proxy_headers and _HEADERS.search(node_text(node)) else None
        if kind is None:
            return None
        flows = ov.all_flows()
        if not flows or any(f.origin.kind != "source" or f.origin.source_kind not in ("request", HEADER) for f in flows):
            return None
        return self._source_value(node_text(node), kind, node)

    def _source_value(self, label: str, kind: str, node: Node) -> Value:
        origin = Origin("source", label, kind, node.start_byte, node.end_byte)
        return Value(frozenset({Flow(origin, self.model.ignore_sinks.get(kind, frozenset()))}), prefix="",
                     shape="request")


def _query_literal(node: Node | None, leading: bool = False) -> bool:
    """Does this string expression (literals joined with + or in an f-string) hold a fixed '?' or
    '#'? With leading: does it start with one (`url += "?" + query`)."""
    if node is None:
        return False
    if node.type == "parenthesized_expression" and node.named_children:
        return _query_literal(node.named_children[0], leading)
    if node.type == "string":
        for c in node.children:
            if c.type == "string_content":
                if leading:
                    return node_text(c).startswith(("?", "#"))
                if starts_query(node_text(c)):
                    return True
            elif c.type == "interpolation" and leading:
                return False
        return False
    if node.type == "binary_operator" and node_text(node.child_by_field_name("operator")) == "+":
        left = _query_literal(node.child_by_field_name("left"), leading)
        return left if leading else left or _query_literal(node.child_by_field_name("right"))
    return False
