r"""The ``where`` constraints of a rule: checks on captured nodes or regex groups after a match.

    where:
      - capture: cmd
        constant: false            # value is not built from literals only
        safe-calls: [shlex.quote]  # calls that make the value safe for this rule
      - capture: kw
        regex: '^verify$'          # re.search on the text
        not-regex: ...
      - capture: value
        names-regex: '(?i)token|secret|password'   # names the value flows into
      - capture: opt
        absent: true               # an optional capture that did not match
      - capture: x
        type: [string]             # node types (query rules only)
      - capture: sql
        value-type: [template_string, binary_expression]   # node types of the value, after
                                   # following local assignments of plain names
      - capture: url
        value-regex: '\breq\.(query|params|body)'   # the value or what its names were assigned
                                   # from (transitively) or the parameter declaring them
        not-value-regex: ...
        value-through-calls: false # names passed to a call are not followed (its result is not
                                   # their value), except through string builders and conversions
        value-before-regex: '[?#]' # only the parts of a `+` or interpolated string before the
                                   # first literal text matching this (not the query string)
      - capture: match
        not-scope-regex: 'setFeature'   # the text of the enclosing function (or class body);
                                   # JavaScript: a callback passed to a call (`fs.stat(p, (err) => ...)`)
                                   # is read with the functions it is nested in (not-scope-regex only)
      - capture: html
        imported: false            # JavaScript: the value is not a name bound only to a module's
                                   # export (`import icon from './icon'`, `require('./x.svg')`)
      - capture: match
        decorator-regex: '\.route\('    # the decorators of the enclosing function (Python)
      - capture: match
        file-regex: '"math/rand"'       # the whole file's text
      - capture: match
        not-guard-regex: '(?i)insecure' # the conditions of the enclosing ifs and ternaries
      - capture: match
        not-branch-regex: '^(console\.warn\b[^\n]*(\n|$))+$'   # the branch this condition
                                   # controls, one statement a line (only a warning here)
      - capture: sql
        string-built: true         # an f-string/concatenation/%/format with a non-constant part
      - capture: url
        from-regex: 'request\.(args|form)'  # the value or what it is built from reads this
        from-keys: true            # (from-regex, not-from-regex) the value is a mapping: only what
                                   # chooses its keys counts, not a dict literal's values, keyword
                                   # arguments, nor arguments of a call other than a conversion
      - capture: args
        uses-regex: '(?i)\bpassword\b'    # names the expression reads (strings and the tests of
                                   # conditional expressions blanked out)
      - any:                       # one of these holds (query rules only)
          - {capture: args, uses-regex: passw}
          - {capture: match, names-regex: passw}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from railguard.engine.analyzers.query_reach import file_search
from railguard.engine.lazyre import LazyPattern
from railguard.engine.localflow.constants import is_constant, is_module_import, resolved_values
from railguard.engine.localflow.naming import context_names
from railguard.engine.localflow.origins import (
    flow_texts,
    flows_from,
    is_string_built,
    leading_parts,
    masked_text,
)
from railguard.engine.localflow.syntax import SYNTAX, enclosing_scope

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document

CONDITION_KEYS = {
    "capture", "regex", "not-regex", "constant", "safe-calls", "names-regex", "not-names-regex",
    "absent", "present", "type", "not-type", "value-type", "value-regex", "not-value-regex",
    "scope-regex", "not-scope-regex", "decorator-regex", "not-decorator-regex", "file-regex", "not-file-regex",
    "string-built", "from-regex", "not-from-regex",
    "uses-regex", "not-uses-regex", "any", "guard-regex", "not-guard-regex", "value-through-calls",
    "branch-regex", "not-branch-regex", "value-before-regex", "from-keys", "imported",
    "class-regex", "not-class-regex", "callback-of-regex", "not-callback-of-regex", "statement-regex",
    "not-statement-regex",
}
_REGEX_KEYS = ("value-regex", "not-value-regex", "scope-regex", "not-scope-regex", "decorator-regex",
               "not-decorator-regex", "file-regex", "not-file-regex", "guard-regex", "not-guard-regex",
               "branch-regex", "not-branch-regex", "value-before-regex", "class-regex", "not-class-regex",
               "callback-of-regex", "not-callback-of-regex", "statement-regex", "not-statement-regex")
# node types whose condition guards their branches
_GUARDS = {"if_statement", "elif_clause", "conditional_expression", "ternary_expression", "while_statement",
           "switch_case", "expression_case"}
# nodes whose condition chooses a branch (branch-regex), and where the search for one stops
_BRANCHES = {"if_statement", "elif_clause", "conditional_expression", "ternary_expression"}
_SCOPES = {"function_definition", "lambda", "function_declaration", "function_expression", "arrow_function",
           "method_definition", "method_declaration", "func_literal", "class_definition", "class_body",
           "module", "program", "source_file"}
_STATEMENT_ENDS = {"block", "statement_block", "expression_statement", "lambda_expression"}


@dataclass(frozen=True)
class Condition:
    capture: str
    regex: re.Pattern[str] | None = None
    not_regex: re.Pattern[str] | None = None
    constant: bool | None = None
    imported: bool | None = None
    safe_calls: frozenset[str] = frozenset()
    names_regex: re.Pattern[str] | None = None
    not_names_regex: re.Pattern[str] | None = None
    absent: bool | None = None
    types: frozenset[str] = frozenset()
    not_types: frozenset[str] = frozenset()
    value_types: frozenset[str] = frozenset()
    value_regex: re.Pattern[str] | None = None
    not_value_regex: re.Pattern[str] | None = None
    scope_regex: re.Pattern[str] | None = None
    not_scope_regex: re.Pattern[str] | None = None
    decorator_regex: re.Pattern[str] | None = None
    not_decorator_regex: re.Pattern[str] | None = None
    file_regex: re.Pattern[str] | None = None
    not_file_regex: re.Pattern[str] | None = None
    class_regex: re.Pattern[str] | None = None
    not_class_regex: re.Pattern[str] | None = None
    callback_of_regex: re.Pattern[str] | None = None
    not_callback_of_regex: re.Pattern[str] | None = None
    statement_regex: re.Pattern[str] | None = None
    not_statement_regex: re.Pattern[str] | None = None
    guard_regex: re.Pattern[str] | None = None
    not_guard_regex: re.Pattern[str] | None = None
    branch_regex: re.Pattern[str] | None = None
    not_branch_regex: re.Pattern[str] | None = None
    string_built: bool | None = None
    from_regex: re.Pattern[str] | None = None
    not_from_regex: re.Pattern[str] | None = None
    uses_regex: re.Pattern[str] | None = None
    not_uses_regex: re.Pattern[str] | None = None
    value_through_calls: bool = True
    from_keys: bool = False
    value_before_regex: re.Pattern[str] | None = None
    any_of: tuple[Condition, ...] = ()

    def holds_in_match(self, captures: dict[str, list[Node]], doc: Document) -> bool:
        """Query rules: the condition against a match's captures (one node suffices)."""
        if self.any_of:
            return any(c.holds_in_match(captures, doc) for c in self.any_of)
        nodes = captures.get(self.capture) or []
        if not nodes:
            return self.absent is True
        return any(self.holds_for_node(n, doc) for n in nodes)

    def holds_for_node(self, node: Node | None, doc: Document) -> bool:
        if self.absent is not None:
            if (node is None) != self.absent:
                return False
            if node is None:
                return True
        if node is None:
            return False
        if self.types and node.type not in self.types:
            return False
        if self.not_types and node.type in self.not_types:
            return False
        if self.value_types and not any(v.type in self.value_types for v in resolved_values(node, doc)):
            return False
        if self.regex is not None or self.not_regex is not None:
            text = doc.node_text(node)
            if self.regex is not None and not self.regex.search(text):
                return False
            if self.not_regex is not None and self.not_regex.search(text):
                return False
        if self.constant is not None and is_constant(node, doc, self.safe_calls) != self.constant:
            return False
        if self.imported is not None and is_module_import(node, doc) != self.imported:
            return False
        if self.value_regex is not None or self.not_value_regex is not None:
            heads = leading_parts(node, doc, self.value_before_regex) if self.value_before_regex is not None else [node]
            texts = [t for h in heads for t in flow_texts(h, doc, through_calls=self.value_through_calls)]
            if self.value_regex is not None and not any(self.value_regex.search(t) for t in texts):
                return False
            if self.not_value_regex is not None and any(self.not_value_regex.search(t) for t in texts):
                return False
        if self.scope_regex is not None or self.not_scope_regex is not None:
            scope = enclosing_scope(node, doc)
            text = doc.node_text(scope) if scope is not None else doc.text
            if self.scope_regex is not None and not self.scope_regex.search(text):
                return False
            if self.not_scope_regex is not None and self.not_scope_regex.search(
                    doc.node_text(outer_scope(scope, doc)) if scope is not None else doc.text):
                return False
        if (self.decorator_regex is not None or self.not_decorator_regex is not None) and not _search(
                self.decorator_regex, self.not_decorator_regex, decorator_text(node, doc)):
            return False
        if self.class_regex is not None or self.not_class_regex is not None:
            owner = enclosing_class(node)
            text = doc.node_text(owner) if owner is not None else None
            if self.class_regex is not None and (text is None or not self.class_regex.search(text)):
                return False
            if self.not_class_regex is not None and text is not None and self.not_class_regex.search(text):
                return False
        if (self.callback_of_regex is not None or self.not_callback_of_regex is not None) and not _search(
                self.callback_of_regex, self.not_callback_of_regex, callback_of_text(node, doc)):
            return False
        if (self.statement_regex is not None or self.not_statement_regex is not None) and not _search(
                self.statement_regex, self.not_statement_regex, statement_text(node, doc)):
            return False
        if self.file_regex is not None and not file_search(self.file_regex, doc):
            return False
        if self.not_file_regex is not None and file_search(self.not_file_regex, doc):
            return False
        if (self.guard_regex is not None or self.not_guard_regex is not None) and not _search(
                self.guard_regex, self.not_guard_regex, "\n".join(guard_texts(node, doc))):
            return False
        if (self.branch_regex is not None or self.not_branch_regex is not None) and not _search(
                self.branch_regex, self.not_branch_regex, branch_text(node, doc)):
            return False
        if self.string_built is not None and is_string_built(node, doc, self.safe_calls) != self.string_built:
            return False
        if self.uses_regex is not None or self.not_uses_regex is not None:
            # what the value reads: not the test of a conditional expression (`"x" + (" by token" if
            # auth_token else "")` reads no token into the text)
            used = masked_text(node, doc, self.safe_calls, flow=True)
            if self.uses_regex is not None and not self.uses_regex.search(used):
                return False
            if self.not_uses_regex is not None and self.not_uses_regex.search(used):
                return False
        if self.from_regex is not None and not flows_from(node, doc, self.from_regex, self.safe_calls,
                                                          self.from_keys):
            return False
        if self.not_from_regex is not None and flows_from(node, doc, self.not_from_regex, self.safe_calls,
                                                          self.from_keys, branch_tests=True):
            return False
        if self.names_regex is not None or self.not_names_regex is not None:
            names = context_names(node, doc)
            if self.names_regex is not None and not any(self.names_regex.search(n) for n in names):
                return False
            if self.not_names_regex is not None and any(self.not_names_regex.search(n) for n in names):
                return False
        return True

    def holds_for_text(self, text: str | None) -> bool:
        if self.absent is not None:
            if (text is None) != self.absent:
                return False
            if text is None:
                return True
        if text is None:
            return False
        if self.regex is not None and not self.regex.search(text):
            return False
        if self.not_regex is not None and self.not_regex.search(text):
            return False
        return True


_CALLBACKS = {"arrow_function", "function_expression", "function"}


_CLASSES = {"class_definition", "class_declaration", "class"}
_FUNCTIONS = {"arrow_function", "function_expression", "function", "lambda", "func_literal", "lambda_expression"}
_STATEMENTS = {"expression_statement", "lexical_declaration", "variable_declaration", "return_statement",
               "assignment", "if_statement", "short_var_declaration", "local_variable_declaration"}


def callback_of_text(node: Node, doc: Document) -> str:
    """The callee's text of the call that takes the function around the node as an argument
    (`subs.find((s) => s.token === token)`: "subs.find"), or "" when that function is no argument."""
    fn = node.parent
    while fn is not None and fn.type not in _FUNCTIONS:
        if fn.type in _SCOPES:
            return ""
        fn = fn.parent
    args = fn.parent if fn is not None else None
    if args is None or args.type not in ("arguments", "argument_list"):
        return ""
    call = args.parent
    callee = call.child_by_field_name("function") if call is not None else None
    return doc.node_text(callee) if callee is not None else ""


def statement_text(node: Node, doc: Document) -> str:
    """The text of the statement the node is part of (`const t = await Model.findOne(q);`)."""
    p = node
    while p is not None and p.type not in _STATEMENTS:
        if p.type in _SCOPES:
            return doc.node_text(node)
        p = p.parent
    return doc.node_text(p) if p is not None else doc.node_text(node)


def enclosing_class(node: Node) -> Node | None:
    """The nearest class around the node, or None."""
    parent = node.parent
    while parent is not None and parent.type not in _CLASSES:
        parent = parent.parent
    return parent


def outer_scope(scope: Node, doc: Document) -> Node:
    """JavaScript: a callback passed to a call (`fs.stat(dst, (err) => ...)`,
    `busboy.on("file", function (...) {...})`) runs inside the function that created it, after
    the checks made there before the call: its scope is read together with that function's
    (up to the first function that is not such a callback). Other languages: the scope itself."""
    if SYNTAX.get(doc.language) is not SYNTAX["javascript"]:
        return scope
    while scope.type in _CALLBACKS and scope.parent is not None and scope.parent.type == "arguments":
        outer = enclosing_scope(scope, doc)
        if outer is None or outer.type == "program":
            break
        scope = outer
    return scope


def decorator_text(node: Node, doc: Document) -> str:
    """The decorators of the function (or class) enclosing this node, one per line ('' if none)."""
    scope = enclosing_scope(node, doc)
    holder = scope.parent if scope is not None else None
    if holder is None or holder.type != "decorated_definition":
        return ""
    return "\n".join(doc.node_text(c) for c in holder.named_children if c.type == "decorator")


def guard_texts(node: Node, doc: Document) -> list[str]:
    """What decides whether this code runs: the conditions of the enclosing if/elif/while
    statements and ternaries (either branch) and the values of enclosing switch cases."""
    texts: list[str] = []
    child, p = node, node.parent
    while p is not None:
        if p.type in _GUARDS:
            cond = p.child_by_field_name("condition") or p.child_by_field_name("value")
            if cond is None and p.type == "conditional_expression" and p.named_child_count == 3:
                cond = p.named_children[1]  # Python: body if condition else other
            if cond is not None and cond != child:
                texts.append(doc.node_text(cond))
        child, p = p, p.parent
    return texts


def branch_text(node: Node, doc: Document) -> str:
    """What this node decides when it is (part of) the condition of an `if`/`elif` or a ternary:
    the statements of the branch taken when the condition holds, one a line (a statement over
    several lines is joined into one, braces dropped), or the chosen expression of a ternary.
    '' when the node is in no condition (`return a == b`, an assignment, a branch's body)."""
    child, p = node, node.parent
    while p is not None and p.type not in _SCOPES:
        if p.type in _BRANCHES:
            cond, branch = _condition_and_branch(p)
            if cond is not None and cond == child:
                return _statements_text(branch, doc) if branch is not None else ""
            return ""  # in a branch or the other arm, not in the condition
        if p.type in _STATEMENT_ENDS or p.type.endswith("_statement"):
            return ""
        child, p = p, p.parent
    return ""


def _condition_and_branch(p: Node) -> tuple[Node | None, Node | None]:
    if p.type == "conditional_expression":  # Python: body if condition else other
        kids = p.named_children
        return (kids[1], kids[0]) if len(kids) == 3 else (None, None)
    return p.child_by_field_name("condition"), p.child_by_field_name("consequence")


def _statements_text(branch: Node, doc: Document) -> str:
    if branch.type not in ("block", "statement_block"):
        return " ".join(doc.node_text(branch).split())
    return "\n".join(" ".join(doc.node_text(s).split()) for s in branch.named_children if s.type != "comment")


def _search(wanted: LazyPattern | None, unwanted: LazyPattern | None, text: str) -> bool:
    if wanted is not None and not wanted.search(text):
        return False
    return unwanted is None or not unwanted.search(text)


def _compile(value: Any, key: str, linear: bool = False) -> LazyPattern:
    if not isinstance(value, str):
        raise ValueError(f"{key} must be a string")
    return LazyPattern(value, 0, key, linear=linear)  # compiled on first use: start-up stays fast


def _types(value: Any, key: str) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(value)
    raise ValueError(f"{key} must be a string or a list of strings")


def parse_conditions(raw: Any, where: str = "where", linear: bool = False) -> tuple[Condition, ...]:
    """Parse a `where` list. Raises ValueError naming the bad key. `linear`: the rule comes from
    outside railguard, its patterns run on RE2 (linear time)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValueError(f"{where} must be a list of conditions")
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise ValueError(f"{where}[{i}] must be a mapping")
        unknown = set(item) - CONDITION_KEYS
        if unknown:
            raise ValueError(f"{where}[{i}]: unknown key {sorted(unknown)[0]!r}")
        if "any" in item:
            if len(item) != 1:
                raise ValueError(f"{where}[{i}]: 'any' stands alone; put the conditions inside it")
            options = parse_conditions(item["any"], f"{where}[{i}].any", linear)
            if not options:
                raise ValueError(f"{where}[{i}].any must list at least one condition")
            out.append(Condition(capture="", any_of=options))
            continue
        capture = item.get("capture")
        if not isinstance(capture, str):
            raise ValueError(f"{where}[{i}].capture must name a capture")
        for flag in ("constant", "absent", "present", "string-built", "value-through-calls", "imported"):
            if flag in item and not isinstance(item[flag], bool):
                raise ValueError(f"{where}[{i}].{flag} must be true or false")
        absent = item.get("absent")
        if "present" in item:
            absent = not item["present"]
        out.append(
            Condition(
                capture=capture,
                regex=_compile(item["regex"], f"where[{i}].regex", linear) if "regex" in item else None,
                not_regex=_compile(item["not-regex"], f"where[{i}].not-regex", linear) if "not-regex" in item else None,
                constant=item.get("constant"),
                imported=item.get("imported"),
                safe_calls=_types(item["safe-calls"], f"where[{i}].safe-calls") if "safe-calls" in item else frozenset(),
                names_regex=_compile(item["names-regex"], f"where[{i}].names-regex", linear) if "names-regex" in item else None,
                not_names_regex=_compile(item["not-names-regex"], f"where[{i}].not-names-regex", linear)
                if "not-names-regex" in item else None,
                absent=absent,
                types=_types(item["type"], f"where[{i}].type") if "type" in item else frozenset(),
                not_types=_types(item["not-type"], f"where[{i}].not-type") if "not-type" in item else frozenset(),
                value_types=_types(item["value-type"], f"where[{i}].value-type")
                if "value-type" in item else frozenset(),
                **{key.replace("-", "_"): _compile(item[key], f"where[{i}].{key}", linear)
                   for key in _REGEX_KEYS if key in item},
                string_built=item.get("string-built"),
                from_regex=_compile(item["from-regex"], f"where[{i}].from-regex", linear) if "from-regex" in item else None,
                not_from_regex=_compile(item["not-from-regex"], f"where[{i}].not-from-regex", linear)
                if "not-from-regex" in item else None,
                uses_regex=_compile(item["uses-regex"], f"where[{i}].uses-regex", linear) if "uses-regex" in item else None,
                not_uses_regex=_compile(item["not-uses-regex"], f"where[{i}].not-uses-regex", linear)
                if "not-uses-regex" in item else None,
                value_through_calls=item.get("value-through-calls", True),
                from_keys=bool(item.get("from-keys", False)),
            )
        )
    return tuple(out)


def compile_patterns_now(conditions: tuple[Condition, ...]) -> None:
    """Compile every lazy pattern of these conditions; raises RailguardError for a bad one.

    Bundled rules are checked by the test suite; packs from a project are checked this way
    when loaded, so that a bad pattern is reported with its rule before the first file."""
    import dataclasses

    for cond in conditions:
        for f in dataclasses.fields(cond):
            value = getattr(cond, f.name)
            if isinstance(value, LazyPattern):
                value.compiled  # noqa: B018 - compiling is the point
        compile_patterns_now(cond.any_of)
