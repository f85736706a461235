"""Statements of a function body: blocks, branches, loops, try, with, match, and assignment targets.

Mixed into `FunctionRun` (flow.py). Branches are joined, except where the condition is
a compile-time constant (the other branch is recorded as dead); loops run twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.engine.taint.model import ALL
from railguard.engine.taint.state import Env, join_envs
from railguard.engine.taint.syntax import built_path_root, node_text, url_root
from railguard.engine.taint.values import (
    CLEAN,
    NOCONST,
    UNKNOWN,
    Step,
    Value,
    element_of,
    hashable,
    ordered,
)

if TYPE_CHECKING:
    from tree_sitter import Node


_PATH = frozenset({"path-traversal"})


def _confined(v: Value) -> bool:
    """Every flow of outside data in the value is cleared for path traversal."""
    flows = [f for f in v.all_flows() if f.origin.kind in ("source", "param")]
    return bool(flows) and all("path-traversal" in f.cleared or ALL in f.cleared for f in flows)


_CHECKS = frozenset({"call", "comparison_operator", "boolean_operator", "not_operator"})


class StatementsMixin:
    """Runs statements over an environment (name -> Value)."""

    # ------------------------------------------------------------------ statements

    def exec_block(self, stmts, env: Env) -> Env | None:
        """Run statements; returns the environment after them, or None when every path left."""
        for s in stmts:
            env = self.exec_stmt(s, env)
            if env is None:
                return None
        return env

    def exec_stmt(self, s: Node, env: Env) -> Env | None:
        t = s.type
        if t == "expression_statement":
            for c in s.named_children:
                self.eval(c, env)
                call = c.named_children[0] if c.type == "await" and c.named_children else c
                if call.type == "call" and self._is_exit_call(call):
                    return None
                if call.type == "call":
                    self.apply_validator(call, env)
                elif call.type == "await" and call.named_children and call.named_children[0].type == "call":
                    self.apply_validator(call.named_children[0], env)
            return env
        if t == "return_statement":
            value = s.named_children[0] if s.named_children else None
            v = self.eval(value, env) if value is not None else CLEAN
            self.returned.append((v, value if value is not None else s))
            self.return_envs.append(Env(env))
            self.exits.append([env.get(p) for p in self.params])
            return None
        if t == "raise_statement":
            for c in s.named_children:
                self.eval(c, env)
            return None
        if t in ("continue_statement", "break_statement"):
            return None
        if t == "if_statement":
            return self.exec_if(s, env)
        if t == "for_statement":
            return self.exec_for(s, env)
        if t == "while_statement":
            return self.exec_while(s, env)
        if t == "try_statement":
            return self.exec_try(s, env)
        if t == "with_statement":
            for clause in s.named_children:
                if clause.type == "with_clause":
                    for item in clause.named_children:
                        val = item.child_by_field_name("value") or (item.named_children[0] if item.named_children else None)
                        if val is None:
                            continue
                        if val.type == "as_pattern":
                            expr = val.named_children[0]
                            target = val.child_by_field_name("alias")
                            v = self.eval(expr, env)
                            if target is not None:
                                for tn in target.named_children or [target]:
                                    self.bind(tn, v, env, s)
                        else:
                            self.eval(val, env)
            body = s.child_by_field_name("body")
            return self.exec_block(body.named_children, env) if body is not None else env
        if t == "decorated_definition" or t == "function_definition" or t == "class_definition":
            if self.is_module and t == "class_definition":
                return env
            return env
        if t == "assert_statement":
            cond = s.named_children[0] if s.named_children else None
            if cond is not None:
                self.eval(cond, env)
                return self.apply_guard(cond, env, True)
            return env
        if t == "match_statement":
            subject = s.child_by_field_name("subject")
            if subject is not None:
                self.eval(subject, env)
            body = s.child_by_field_name("body")
            outs = [env.copy()]
            if body is not None:
                for case in body.named_children:
                    cons = case.child_by_field_name("consequence")
                    if cons is not None:
                        outs.append(self.exec_block(cons.named_children, env.copy()))
            return join_envs(outs)
        if t == "delete_statement":
            return env
        if t in ("import_statement", "import_from_statement", "future_import_statement"):
            return env
        if t == "block":
            return self.exec_block(s.named_children, env)
        return env

    def _is_exit_call(self, call: Node) -> bool:
        f = call.child_by_field_name("function")
        return f is not None and self.fa.resolve(node_text(f)) in self.lib.exits or (f is not None and node_text(f) in self.lib.exits)

    def exec_if(self, s: Node, env: Env) -> Env | None:
        clauses: list[tuple[Node | None, Node]] = []
        cond = s.child_by_field_name("condition")
        cons = s.child_by_field_name("consequence")
        clauses.append((cond, cons))
        for alt in s.children_by_field_name("alternative"):
            if alt.type == "elif_clause":
                clauses.append((alt.child_by_field_name("condition"), alt.child_by_field_name("consequence")))
            elif alt.type == "else_clause":
                clauses.append((None, alt.child_by_field_name("body")))
        outs: list[Env | None] = []
        current = env
        has_else = False
        for cond, body in clauses:
            if cond is None:
                has_else = True
                outs.append(self.exec_block(body.named_children, current.copy()) if body is not None else current)
                break
            cv = self.eval(cond, current)
            if cv.is_const:
                if cv.const:
                    outs.append(self.exec_block(body.named_children, self.apply_guard(cond, current.copy(), True))
                                if body is not None else current)
                    has_else = True
                    self._mark_dead_after(clauses, cond)
                    break
                if body is not None:  # a dead branch: nothing in it runs
                    self.fa.dead.append((body.start_byte, body.end_byte))
                continue
            branch_env = self.apply_guard(cond, current.copy(), True)
            outs.append(self.exec_block(body.named_children, branch_env) if body is not None else branch_env)
            current = self.apply_guard(cond, current.copy(), False)
        if not has_else:
            outs.append(current)
        live = [o for o in outs if o is not None]
        if not live:
            return None
        out = join_envs(live)
        if len(clauses) == 1 and not has_else and len(live) == 2 and clauses[0][0] is not None \
                and self._configured(clauses[0][0], self.eval(clauses[0][0], env)):
            # `if config.SERVER_MODE: confine(path)`: the operator's deployment mode decides whether
            # paths are confined (a single-user desktop mode serves the user's own files); a path
            # the check confined in that mode is checked
            for k, v in live[0].items():
                if k in out and _confined(v) and not _confined(out[k]):
                    out[k] = out[k].cleared(_PATH)
        return out

    def _mark_dead_after(self, clauses, cond) -> None:
        seen = False
        for c, body in clauses:
            if seen and body is not None:
                self.fa.dead.append((body.start_byte, body.end_byte))
            if c is cond:
                seen = True

    def exec_for(self, s: Node, env: Env) -> Env | None:
        right = s.child_by_field_name("right")
        left = s.child_by_field_name("left")
        body = s.child_by_field_name("body")
        it = self.eval(right, env) if right is not None else UNKNOWN
        elem = element_of(it)
        before = env.copy()
        current = env
        for _ in range(2):
            loop_env = current.copy()
            if left is not None:
                self.bind(left, elem, loop_env, s)
            out = self.exec_block(body.named_children, loop_env) if body is not None else loop_env
            current = join_envs([before, out] if out is not None else [before])
        alt = s.child_by_field_name("alternative")
        if alt is not None:
            body2 = alt.child_by_field_name("body")
            if body2 is not None:
                r = self.exec_block(body2.named_children, current.copy())
                current = r if r is not None else current
        return current

    def exec_while(self, s: Node, env: Env) -> Env | None:
        cond = s.child_by_field_name("condition")
        body = s.child_by_field_name("body")
        cv = self.eval(cond, env) if cond is not None else CLEAN
        if cv.is_const and not cv.const:
            if body is not None:
                self.fa.dead.append((body.start_byte, body.end_byte))
            return env
        before = env.copy()
        current = env
        for _ in range(2):
            loop_env = self.apply_guard(cond, current.copy(), True) if cond is not None else current.copy()
            out = self.exec_block(body.named_children, loop_env) if body is not None else loop_env
            current = join_envs([before, out] if out is not None else [before])
        return current

    def exec_try(self, s: Node, env: Env) -> Env | None:
        body = s.child_by_field_name("body")
        start = env.copy()
        after_body = self.exec_block(body.named_children, env) if body is not None else env
        outs = []
        else_env = after_body
        handler_entry = join_envs([start] + ([after_body] if after_body is not None else []))
        finally_block = None
        for c in s.named_children:
            if c.type == "except_clause" or c.type == "except_group_clause":
                block = next((x for x in c.named_children if x.type == "block"), None)
                h_env = handler_entry.copy()
                for x in c.named_children:
                    if x.type == "as_pattern":
                        alias = x.child_by_field_name("alias")
                        if alias is not None:
                            for tn in alias.named_children or [alias]:
                                self.bind(tn, UNKNOWN, h_env, x)
                outs.append(self.exec_block(block.named_children, h_env) if block is not None else h_env)
            elif c.type == "else_clause":
                b = c.child_by_field_name("body")
                if else_env is not None and b is not None:
                    else_env = self.exec_block(b.named_children, else_env)
            elif c.type == "finally_clause":
                finally_block = next((x for x in c.named_children if x.type == "block"), None)
        outs.append(else_env)
        live = [o for o in outs if o is not None]
        result = join_envs(live) if live else None
        if finally_block is not None:
            base = result if result is not None else handler_entry.copy()
            after = self.exec_block(finally_block.named_children, base)
            return after if result is not None else None
        return result

    # ------------------------------------------------------------------ binding

    def bind(self, target: Node, value: Value, env: Env, at: Node) -> None:
        t = target.type
        if t == "identifier":
            name = node_text(target)
            env[name] = value.stepped(Step(target.start_byte, target.end_byte, f"flows into {name}"))
            rhs = at.child_by_field_name("right") if at.type == "assignment" else None
            root = url_root(rhs, self.fa, self.url_parts) if rhs is not None else ""
            if root:
                self.url_parts[name] = root
            source = built_path_root(rhs) if rhs is not None else ""
            if source and source != name and source in env:
                self.path_parts[name] = (source, env[source])  # checked = realpath(join(root, name))
            else:
                self.path_parts.pop(name, None)
            if rhs is not None and rhs.type in _CHECKS:
                self.checks[name] = rhs  # `if url_is_safe:` means what the check means
            else:
                self.checks.pop(name, None)
            return
        if t in ("pattern_list", "tuple_pattern", "list_pattern", "expression_list", "tuple", "list"):
            elems = [c for c in target.named_children]
            star = next((i for i, c in enumerate(elems) if c.type == "list_splat_pattern"), None)
            for i, c in enumerate(elems):
                if c.type == "list_splat_pattern":
                    inner = c.named_children[0] if c.named_children else None
                    if inner is not None:
                        self.bind(inner, Value(value.all_flows(), shape="list"), env, at)
                    continue
                if value.fields is not None and star is None and i in value.fields:
                    part = value.fields[i]
                elif value.fields is not None and star is not None and i < star and i in value.fields:
                    part = value.fields[i]
                else:
                    part = element_of(value)
                self.bind(c, part, env, at)
            return
        if t == "attribute":
            obj = target.child_by_field_name("object")
            key = node_text(target)
            self.eval(obj, env)
            env[key] = value.stepped(Step(target.start_byte, target.end_byte, f"flows into {key}"))
            return
        if t == "subscript":
            self.store_subscript(target, value, env)
            return
        if t == "list_splat_pattern" and target.named_children:
            self.bind(target.named_children[0], value, env, at)
            return
        if t == "parenthesized_expression" and target.named_children:
            self.bind(target.named_children[0], value, env, at)

    def store_subscript(self, target: Node, value: Value, env: Env) -> None:
        obj = target.child_by_field_name("value")
        sub = target.child_by_field_name("subscript")
        if obj is None:
            return
        self.check_store_sink(target, obj, value, env)
        if obj.type == "identifier" and node_text(obj) in self.params:
            j = list(self.params).index(node_text(obj))
            for f in ordered(value.all_flows()):
                if f.origin.kind == "param":
                    self.param_stores.append((f.origin.param, j))
        key_v = self.eval(sub, env) if sub is not None else UNKNOWN
        name = node_text(obj)
        if obj.type not in ("identifier", "attribute"):
            self.eval(obj, env)
            return
        old = env.get(name)
        if old is None:
            old = self.eval(obj, env)
        if key_v.is_const and hashable(key_v.const):
            fields = dict(old.fields) if old.fields is not None else ({} if not old.flows else None)
            if fields is not None:
                fields[key_v.const] = value
                env[name] = Value(old.flows, fields, old.prefix, NOCONST, old.shape or "dict")
                return
        env[name] = Value(old.all_flows() | value.all_flows(), None, None, NOCONST, old.shape)
