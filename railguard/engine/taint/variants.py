"""Runs of a function under facts known at the call: parameters held at constants, the method.

Mixed into `FileAnalysis` (flow.py). A helper whose sink is reached only when a flag parameter
with a constant default is passed (`def load(path, from_setup=False)`) records it in its
summary (`Summary.sink_flags`), so that a call leaving the flag out, in any file, does not
reach the sink; a helper of the same file called with constants, or leaving them at constant
defaults, is run again with them (`reached_with`) when request data reaches one of its sinks.
A handler registered for one method only (`@router.post`) sees that method in
`request.method` (`only_method`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.engine.taint.state import BudgetExceeded, Env
from railguard.engine.taint.syntax import identifiers_in, node_text

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.taint.flow import FunctionRun
    from railguard.engine.taint.values import Value


def constant_default(p: Node, run: FunctionRun) -> Value | None:
    """The constant a parameter defaults to (`from_setup=False`, `fmt="json"`), or None."""
    if p.type not in ("default_parameter", "typed_default_parameter"):
        return None
    default = p.child_by_field_name("value")
    if default is None or default.type not in ("true", "false", "none", "string", "integer"):
        return None
    v = run.eval(default, Env())
    return v if v.is_const else None


class VariantsMixin:
    """What a function does with some of its facts fixed."""

    def _flag_defaults(self, fn: Node, params: list[str], run: FunctionRun) -> dict[int, Value]:
        """Parameters with a constant default that a condition of the body tests
        (`def load(path, from_setup=False): if from_setup: ...`): their defaults by position."""
        plist = fn.child_by_field_name("parameters")
        body = fn.child_by_field_name("body")
        if plist is None or body is None:
            return {}
        tested: set[str] = set()
        stack = [body]
        while stack:
            n = stack.pop()
            if n.type in ("if_statement", "elif_clause", "conditional_expression", "while_statement"):
                cond = n.child_by_field_name("condition") if n.type != "conditional_expression" else (
                    n.named_children[1] if len(n.named_children) > 1 else None)
                if cond is not None:
                    tested.update(identifiers_in(cond))
            if n.type not in ("function_definition", "class_definition", "lambda"):
                stack.extend(n.named_children)
        out: dict[int, Value] = {}
        for p in plist.named_children:
            name_node = p.child_by_field_name("name")
            name = node_text(name_node) if name_node is not None else ""
            if name not in tested or name not in params:
                continue
            v = constant_default(p, run)
            if v is not None:
                out[params.index(name)] = v
        return dict(list(out.items())[:4])

    @staticmethod
    def parameter_nodes(plist: Node | None) -> list[Node]:
        """The parameter nodes of a parameter list, in the order _bind_parameters numbers them."""
        out = []
        for p in plist.named_children if plist is not None else []:
            name_node = p.child_by_field_name("name") if p.type not in ("identifier",) else p
            if p.type in ("typed_parameter", "list_splat_pattern", "dictionary_splat_pattern"):
                name_node = p.named_children[0] if p.named_children else None
            if name_node is not None and name_node.type == "identifier":
                out.append(p)
        return out

    def reached_with(self, key: str, fn: Node, consts: dict[int, Value], depth: int) -> set[tuple] | None:
        """The sinks a function's parameters reach when some parameters hold these constants
        (cached per function and constants)."""
        ck = (key, tuple(sorted((i, type(v.const).__name__, v.const) for i, v in consts.items())))
        if ck not in self._specialized:
            self._in_progress.add(key)
            try:
                self._specialized[ck] = self._reached_with_defaults(fn, consts, depth)
            finally:
                self._in_progress.discard(key)
        return self._specialized[ck]

    def _reached_with_defaults(self, fn: Node, flags: dict[int, Value], depth: int) -> set[tuple] | None:
        """The sinks parameters reach when the flag parameters keep their defaults, as
        (param, kind, sink start); None when that run cannot tell. It records nothing of its own."""
        params, env, _ = self._bind_parameters(fn)
        for i, v in flags.items():
            env[params[i]] = v
        from railguard.engine.taint.flow import (
            FunctionRun,  # the interpreter this mixin's class runs
        )

        marks = len(self.hits), len(self.verdicts), len(self.dead)
        run = FunctionRun(self, fn, params, env, depth=depth)
        body = fn.child_by_field_name("body")
        try:
            if body is not None:
                run.exec_block(body.named_children, run.env)
        except BudgetExceeded:
            return None
        finally:
            del self.hits[marks[0]:], self.verdicts[marks[1]:], self.dead[marks[2]:]
        return {(h.flow.origin.param, h.kind, h.sink_start) for h in run.param_hits}

    def only_method(self, fn: Node | None) -> str:
        """The one HTTP method a handler is registered for (`@router.post`, `methods=["POST"]`,
        Django's `@require_POST`), else "". GET is never the only one: HEAD comes with it."""
        if fn is None or not self.web:
            return ""
        key = fn.id
        if key not in self._only_methods:
            self._only_methods[key] = self._registered_method(fn)
        return self._only_methods[key]

    def _registered_method(self, fn: Node) -> str:
        methods: set[str] = set()
        for dec in self.decorators.get(fn.id, ()):
            expr = dec.named_children[0] if dec.named_children else None
            if expr is None:
                continue
            f = expr.child_by_field_name("function") if expr.type == "call" else expr
            name = self.resolve(node_text(f)) if f is not None else ""
            short = name.rsplit(".", 1)[-1]
            if short in _DJANGO_METHOD_DECORATORS and name.startswith("django."):
                methods.add(_DJANGO_METHOD_DECORATORS[short])
                continue
            if short == "require_http_methods" and expr.type == "call" and name.startswith("django."):
                methods.update(_listed_methods(expr.child_by_field_name("arguments"), positional=True))
                continue
            if expr.type != "call" or f is None or f.type != "attribute" or short not in self.model.route_decorators:
                continue
            if short in ("get", "post", "put", "patch", "delete"):
                methods.add(short.upper())
            elif short in ("route", "api_route"):
                listed = _listed_methods(expr.child_by_field_name("arguments"))
                if not listed:
                    return ""  # the framework's default methods, or methods we cannot read
                methods.update(listed)
            else:
                return ""
        if len(methods) != 1 or "GET" in methods or "" in methods:
            return ""
        return methods.pop()


_DJANGO_METHOD_DECORATORS = {"require_POST": "POST"}


def _listed_methods(args: Node | None, positional: bool = False) -> set[str]:
    """The methods of `methods=["POST"]` (or of the first argument), all string literals; a
    method we cannot read is ""."""
    if args is None:
        return set()
    lst = None
    for a in args.named_children:
        if a.type == "keyword_argument" and node_text(a.child_by_field_name("name")) == "methods":
            lst = a.child_by_field_name("value")
    if lst is None and positional:
        lst = next((a for a in args.named_children if a.type != "keyword_argument"), None)
    if lst is None or lst.type not in ("list", "tuple", "set"):
        return set()
    out = set()
    for item in lst.named_children:
        lit = node_text(item).strip("\"'") if item.type == "string" else ""
        out.add(lit.upper())
    return out
