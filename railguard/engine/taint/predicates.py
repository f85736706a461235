"""What a project predicate proves about its arguments (Summary.checks).

A predicate returns a condition, False, or True where a condition holds: under an `if`
(`if any(name == d.name for d in docs): return True`), or past a check made as a statement that
raises otherwise (`try: child.resolve().relative_to(base); return True / except ValueError: return
False`). Its callers read `if is_inside(path, root):` as the check itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.engine.taint.model import ALL
from railguard.engine.taint.state import BudgetExceeded, Env

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.taint.flow import FunctionRun


def predicate_checks(run: FunctionRun, params: list[str], entry: Env) -> dict[int, frozenset[str]]:
    """The parameters that a True return proves safe, and for which sink kinds; {} when the function
    is no predicate. `return base in child.resolve().parents` counts too. A condition is read in the
    environment of its return where the parameter still holds what the caller passed (names built
    from it there, `real = Path(name).resolve()`, count)."""
    if not run.returned or not params:
        return {}
    checks: dict[int, frozenset[str]] | None = None
    for k, (_value, node) in enumerate(run.returned):
        if node.type == "false":
            continue
        at_return = run.return_envs[k] if k < len(run.return_envs) else entry
        if node.type == "return_statement":
            return {}
        cond = _enclosing_condition(node) if node.type == "true" else node
        if cond is not None:
            found = _proved_by_condition(run, cond, params, entry, at_return)
            if found is None:
                return {}
        else:  # a True past a check that raises proves what that check proves
            found = _narrowed_params(params, entry, at_return)
        checks = found if checks is None else {i: _both(checks[i], found[i]) for i in checks.keys() & found.keys()}
        if not checks:
            return {}
    return {i: k for i, k in (checks or {}).items() if k}


def _proved_by_condition(run: FunctionRun, cond: Node, params: list[str], entry: Env,
                         at_return: Env) -> dict[int, frozenset[str]] | None:
    """What a condition holding proves about the parameters (None: out of budget)."""
    found: dict[int, frozenset[str]] = {}
    for base in (at_return, entry) if at_return is not entry else (entry,):
        try:
            env = run.apply_guard(cond, Env(base), True)
        except BudgetExceeded:
            return None
        for i, name in enumerate(params):
            before, after = base.get(name), env.get(name)
            if i in found or before is None or after is None or after is before \
                    or (base is at_return and before is not entry.get(name)):
                continue
            flows = after.all_flows()
            kinds = frozenset.intersection(*(f.cleared for f in flows)) if flows else frozenset()
            if kinds:
                found[i] = kinds
    return found


def _narrowed_params(params: list[str], entry: Env, at_return: Env) -> dict[int, frozenset[str]]:
    """The parameters that still hold what the caller passed where a function returns, narrowed there by
    a check made as a statement (one that raises otherwise), with the sink kinds that check clears."""
    found: dict[int, frozenset[str]] = {}
    if at_return is entry:
        return found
    for i, name in enumerate(params):
        before, after = entry.get(name), at_return.get(name)
        if before is None or after is None or after is before:
            continue
        flows, passed = after.all_flows(), before.all_flows()
        if not flows or {f.origin for f in flows} != {f.origin for f in passed}:
            continue  # reassigned to something else, not narrowed
        kinds = frozenset.intersection(*(f.cleared for f in flows))
        if kinds:
            found[i] = kinds
    return found


def _both(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """The sink kinds two checks both clear (`ALL_KINDS` clears every kind)."""
    if ALL in a:
        return b
    return a if ALL in b else a & b


def _enclosing_condition(node: Node) -> Node | None:
    """`if cond: return True`: the condition that holds where the literal is returned (the `if`
    whose block holds the return statement directly), or None."""
    ret = node.parent
    if ret is None or ret.type != "return_statement":
        return None
    block = ret.parent
    stmt = block.parent if block is not None and block.type == "block" else None
    if stmt is None or stmt.type != "if_statement" or stmt.child_by_field_name("consequence") != block:
        return None
    return stmt.child_by_field_name("condition")
