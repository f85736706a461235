"""Guards: conditions that make a name safe in the branch where they hold.

Allow-lists (`x in ALLOWED`, `x == "a"`), containment checks (`realpath(x).startswith(BASE)`),
full-match regular expressions, `isdigit()`, type checks and URL host checks. Mixed into
`FunctionRun` (flow.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from railguard.engine.taint.model import ALL
from railguard.engine.taint.state import ALL_KINDS, READ_KEY, Env, join_envs
from railguard.engine.taint.syntax import (
    NEWLINES,
    PINNED_URL,
    built_path_root,
    identifiers_in,
    is_commonpath,
    is_pure_read,
    is_str_literal,
    name_of,
    node_text,
    path_root,
    string_literal,
    url_root,
)
from railguard.engine.taint.values import CLEAN, NORMALIZED, Value, has_source

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.taint.flow import FileAnalysis


# functions that run a function given as an argument: the position after which its arguments follow
_URL_KINDS = frozenset({"ssrf", "open-redirect"})
_PATH_KINDS = frozenset({"path-traversal"})
_SEPARATORS = frozenset({"os.sep", "os.path.sep", "posixpath.sep"})
# sources the operator controls: a configuration read from them is still configuration
_OPERATOR_SOURCES = frozenset({"environment", "cli"})
_RUNNERS = {"to_thread": 1, "run_in_executor": 2, "run_sync": 1, "sync_to_async": 1}


class GuardsMixin:
    """Narrows an environment by the truth of a condition."""

    def apply_guard(self, cond: Node | None, env: Env, truth: bool) -> Env:
        if cond is None:
            return env
        t = cond.type
        if t == "parenthesized_expression" and cond.named_children:
            return self.apply_guard(cond.named_children[0], env, truth)
        if t == "not_operator":
            arg = cond.child_by_field_name("argument")
            return self.apply_guard(arg, env, not truth)
        if t == "boolean_operator":
            op = node_text(cond.child_by_field_name("operator")) if cond.child_by_field_name("operator") else ""
            left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
            if (op == "and" and truth) or (op == "or" and not truth):
                env = self.apply_guard(left, env, truth)
                return self.apply_guard(right, env, truth)
            return self._either(left, right, env, truth)
        if t == "comparison_operator":
            same = self._equal_names(cond, truth, env)
            if same is not None:
                # `if resolved != base and ...: raise` did not raise on its first test: resolved is base
                # (and what else the comparison proves still holds: a commonpath kept in a name)
                env[same[0]] = env[same[1]]
        name = node_text(cond) if t == "identifier" else ""
        if name and not truth and name in env:
            # `if next and not is_safe(next): ...` did not run: next is safe, or empty (a falsy
            # string, list or None carries nothing to a sink)
            env[name] = env[name].cleared(ALL_KINDS)
            if name not in self.checks:
                return env
        if name and name in self.checks:
            held = self.checks.pop(name)  # once: a check that names itself cannot loop
            try:
                return self.apply_guard(held, env, truth)
            finally:
                self.checks[name] = held
        for name, kinds in self.guard_facts(cond, truth, env):
            if name.startswith(READ_KEY):
                node = self.guarded_reads.get(name)
                if node is not None:
                    env[name] = self.eval(node, env).cleared(kinds)
            elif name in env or name in self.fa.globals:
                cur = env.get(name) or self.fa.globals[name]
                env[name] = cur.cleared(kinds)
                self._clear_built_from(name, kinds, env)
        return env

    def _clear_built_from(self, name: str, kinds: frozenset[str], env: Env) -> None:
        """`real = realpath(join(root, name))` checked inside root: `name` is checked as well, as
        long as it still holds the value the checked path was built from."""
        if "path-traversal" not in kinds and ALL not in kinds:
            return
        built = self.path_parts.get(name)
        if built is not None and env.get(built[0]) is built[1]:
            env[built[0]] = built[1].cleared(_PATH_KINDS)

    def _equal_names(self, cond: Node, truth: bool, env: Env) -> tuple[str, str] | None:
        """Two local names a condition proves equal (`a == b` true, `a != b` false): the first one
        holds the second one's value from then on."""
        ops = [node_text(c) for c in cond.children if not c.is_named]
        operands = cond.named_children
        if len(ops) != 1 or len(operands) != 2 or not (ops[0] in ("==", "is") and truth or ops[0] in ("!=", "is not")
                                                       and not truth):
            return None
        left, right = operands
        if left.type != "identifier" or right.type != "identifier":
            return None
        a, b = node_text(left), node_text(right)
        return (a, b) if a in env and b in env and a != b else None

    def _either(self, left: Node | None, right: Node | None, env: Env, truth: bool) -> Env:
        """One of two conditions holds (`P or Q`, or `P and Q` false): a name is safe only as far as
        it is on both sides. After `if x not in ALLOWED and x != "en": return`, x is in ALLOWED or
        is "en"; after `if x not in ALLOWED and not force: return`, it may be anything."""
        sides = [self.apply_guard(side, env.copy(), truth) for side in (left, right)]
        out = join_envs(sides)
        for k in set(out) - set(env):
            if not all(k in side for side in sides):
                del out[k]  # narrowed on one side only: it keeps the value it had
        return out

    def is_url_check(self, fname: str) -> bool:
        """A call that checks a URL's host or scheme: a known library check, or one named for it."""
        last = fname.split(".")[-1]
        names = self.model.safe_url_names
        return fname in self.model.safe_url_calls or last in self.model.safe_url_calls or (
            names is not None and names.search(last) is not None)

    def apply_validator(self, call: Node, env: Env) -> None:
        """`validate_url(u)` as a statement: it raises on a bad URL, so `u` is checked after it."""
        f = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if f is None or args is None:
            return
        positional = [a for a in args.named_children if a.type not in ("keyword_argument", "comment")]
        runner = node_text(f).rsplit(".", 1)[-1]
        skip = _RUNNERS.get(runner)
        if skip is not None and len(positional) > skip:
            # asyncio.to_thread(validate_url, u), loop.run_in_executor(None, validate_url, u)
            f, positional = positional[skip - 1], positional[skip:]
        if f.type == "attribute" and node_text(f.child_by_field_name("attribute")) == "relative_to" \
                and len(positional) == 1:
            # Path(real).relative_to(root) as a statement raises ValueError outside root
            self._checked_after([f.child_by_field_name("object")], _PATH_KINDS, env)
            return
        fname = self.fa.resolve(node_text(f))
        if fname in self.model.parsers or node_text(f) in self.model.parsers:
            # uuid.UUID(key), int(page) as a statement: it raises unless the text is one
            self._checked_after(positional[:1], ALL_KINDS, env)
            return
        if not self.is_url_check(fname):
            names = self.model.path_validator_names
            if names is not None and names.search(fname.rsplit(".", 1)[-1]):
                self._checked_after(positional, _PATH_KINDS, env)
            else:
                self._validated_by_helper(f, positional, env)
            return
        nodes = positional[:1] + [
            a.child_by_field_name("value") for a in args.named_children
            if a.type == "keyword_argument" and node_text(a.child_by_field_name("name")) in ("url", "uri")]
        self._checked_after(nodes, _URL_KINDS, env)

    def _validated_by_helper(self, f: Node, positional: list[Node], env: Env) -> None:
        """A project function that raises unless its arguments are safe (`validate_session_id(k)`
        parsing a UUID, a path check rejecting ".."): its summary says what a return proves."""
        obj = f.child_by_field_name("object") if f.type == "attribute" else None
        receiver = node_text(obj) if obj is not None and obj.type == "identifier" else ""
        found = self.fa.lookup_function(node_text(f), receiver if self.fa.defines_class(receiver) else "", self.cls)
        if found is None:
            return
        key, fn, summary = found
        if summary is None and fn is not None:
            summary = self.fa.summary_for(key, fn, self.depth + 1)
        if summary is None or not summary.validates:
            return
        # `self.check(x)`, `cls.check(x)`: the first parameter is the receiver; a staticmethod has none
        offset = 1 if summary.is_method and summary.params[:1] in (("self",), ("cls",)) and f.type == "attribute" \
            else 0
        for i, kinds in summary.validates.items():
            if 0 <= i - offset < len(positional):
                self._checked_after([positional[i - offset]], kinds, env)

    def _checked_after(self, nodes: list[Node], kinds: frozenset[str], env: Env) -> None:
        """The values handed to a validator that raises are checked for `kinds` after the call."""
        for a in nodes:
            if kinds == _PATH_KINDS and a is not None and a.type in ("call", "binary_operator"):
                a = _built_from(a)  # validate(Path(name)), validate(realpath(name)): name is checked
            key = self._subject(a)
            if not key:
                continue
            if key in env or key in self.fa.globals and not key.startswith(READ_KEY):
                env[key] = (env.get(key) or self.fa.globals[key]).cleared(kinds)
                self._clear_built_from(key, kinds, env)
            elif key.startswith(READ_KEY) or a.type in ("attribute", "subscript"):
                read = key if key.startswith(READ_KEY) else READ_KEY + node_text(a)
                self.guarded_reads[read] = a  # `form.url`: the same read after the check is checked
                env[read] = self.eval(a, env).cleared(kinds)

    def _any_facts(self, gen: Node, env: Env) -> list[tuple[str, frozenset[str]]]:
        """`any(cond for d in items)` is true: `cond` held for one element, so what it proves of
        names the generator does not bind holds. `any(name == d.filename for d in documents)`
        over data of ours (no request value in `items`; in a predicate, what its caller passes
        for them) is an allow-list: `name in {...}`."""
        body = gen.child_by_field_name("body")
        clauses = [c for c in gen.named_children if c.type in ("for_in_clause", "if_clause")]
        if body is None or len(clauses) != 1 or clauses[0].type != "for_in_clause":
            return []
        left, right = clauses[0].child_by_field_name("left"), clauses[0].child_by_field_name("right")
        if left is None or right is None:
            return []
        bound = {node_text(n) for n in _walk(left) if n.type == "identifier"}
        if body.type == "comparison_operator" and len(body.named_children) == 2 \
                and [node_text(c) for c in body.children if not c.is_named] == ["=="] \
                and not any(f.origin.kind in ("source", "unknown") for f in self.eval(right, env).all_flows()):
            a, b = body.named_children
            for name_node, other in ((a, b), (b, a)):
                name = name_of(name_node)
                if name and name not in bound and bound & set(identifiers_in(other)):
                    return [(name, ALL_KINDS)]
            return []
        return [(name, kinds) for name, kinds in self.guard_facts(body, True, env) if name not in bound]

    def _helper_checks(self, f: Node, arg_nodes: list[Node]) -> list[tuple[str, frozenset[str]]]:
        """A project function that is a predicate (`is_path_inside(child, base)`): what its True
        return proves for the arguments, from its summary (this file's or the project index's)."""
        found = self.fa.lookup_function(node_text(f), "", self.cls)
        if found is None:
            return []
        key, fn, summary = found
        if summary is None and fn is not None:
            summary = self.fa.summary_for(key, fn, self.depth + 1)
        if summary is None or not summary.checks:
            return []
        offset = 1 if summary.is_method and f.type == "attribute" else 0
        out: list[tuple[str, frozenset[str]]] = []
        for i, kinds in summary.checks.items():
            j = i - offset
            if 0 <= j < len(arg_nodes):
                subject = self._subject(arg_nodes[j])
                if subject:
                    out.append((subject, kinds))
        return out

    def _configured(self, node: Node, value: Value) -> bool:
        """A read of the operator's configuration (`current_app.config["TOKEN"]`, `settings.X`)
        that carries nothing from a request."""
        pattern = self.model.configured_values
        if pattern is None or not pattern.search(node_text(node)):
            return False
        return not any(f.origin.kind == "source" and f.origin.source_kind not in _OPERATOR_SOURCES
                       for f in value.all_flows())

    def _subject(self, node: Node | None) -> str | None:
        """The env key a guard on this expression narrows: a name, or a read without side effects
        (`request.GET.get("next")`, `data["url"]`) that the guarded branch may repeat."""
        if node is None:
            return None
        name = name_of(node)
        if name:
            return name
        if not is_pure_read(node):
            return None
        key = READ_KEY + node_text(node)
        self.guarded_reads[key] = node
        return key

    def guard_facts(self, cond: Node, truth: bool, env: Env) -> list[tuple[str, frozenset[str]]]:
        """Names a condition makes safe, with the sink kinds, when it evaluates to `truth`."""
        t = cond.type
        out: list[tuple[str, frozenset[str]]] = []
        if t == "comparison_operator":
            ops = [node_text(c) for c in cond.children if not c.is_named]
            operands = cond.named_children
            if len(operands) != 2 or len(ops) != 1:
                return out
            op = ops[0]
            left, right = operands
            positive = (op in ("in", "==", "is") and truth) or (op in ("not in", "!=", "is not") and not truth)
            if not positive:
                # `if ".." in path: abort` -> the path is free of ".." afterwards
                if op == "in" and not truth and (is_str_literal(left, ("..", "/")) or node_text(left) in _SEPARATORS) \
                        and name_of(right):
                    # ... and after `if os.path.sep in name: raise`, the name has no directory part
                    out.append((name_of(right), frozenset({"path-traversal"})))
                elif op == "in" and not truth and is_str_literal(left, ("..",)) and _split_name(right):
                    # `if ".." in path.split("/"): raise`, `".." in Path(path).parts`: no parent step
                    out.append((_split_name(right), frozenset({"path-traversal"})))
                if op == "in" and not truth and is_str_literal(left, NEWLINES) and name_of(right):
                    out.append((name_of(right), frozenset({"header-injection", "log-injection"})))
                return out
            if op in ("==", "!="):  # `name == os.path.basename(name)` holds: the name has no directory part
                for a, b in ((left, right), (right, left)):
                    if b.type == "call" and name_of(a) and self.fa.resolve(node_text(b.child_by_field_name("function"))) \
                            in ("os.path.basename", "posixpath.basename", "ntpath.basename"):
                        inner = b.child_by_field_name("arguments")
                        if inner is not None and [node_text(c) for c in inner.named_children] == [node_text(a)]:
                            out.append((name_of(a), frozenset({"path-traversal"})))
                            return out
            left, right = _through_local(left, self.fa), _through_local(right, self.fa)
            if is_commonpath(left, self.fa) or is_commonpath(right, self.fa):  # equal (`!=` false)
                call = left if is_commonpath(left, self.fa) else right
                for name in identifiers_in(call):
                    if (env.get(name) or CLEAN).shape == "normpath":
                        out.append((name, frozenset({"path-traversal"})))
                return out
            if op in ("==", "is", "!=", "is not"):  # `!=` where it is false: `if x != y: raise`
                for a, b in ((left, right), (right, left)):
                    bv = self.eval(b, env)
                    if name_of(a) and bv.is_const:
                        out.append((name_of(a), ALL_KINDS))
                    elif op in ("==", "!=") and self._configured(b, bv):
                        subject = self._subject(a)
                        if subject:
                            out.append((subject, ALL_KINDS))
                return out
            if op == "in" and right.type == "attribute" and node_text(right.child_by_field_name("attribute")) == "parents":
                root = path_root(right.child_by_field_name("object"))  # base in child.resolve().parents
                if root:
                    out.append((root, frozenset({"path-traversal"})))
                return out
            if op in ("in", "not in"):
                rv = self.eval(right, env)
                if has_source(rv):
                    return out
                root = url_root(left, self.fa, self.url_parts)  # `parsed.hostname in ALLOWED`
                if name_of(left) in self.url_parts:
                    out.append((self.url_parts[name_of(left)], frozenset({"ssrf", "open-redirect"})))
                elif root:
                    out.append((root, frozenset({"ssrf", "open-redirect"})))
                elif name_of(left):
                    out.append((name_of(left), ALL_KINDS))
                elif _folded_name(left):
                    # `label.lower() in ("btc", "sat")`: the name is one of them, in some letter case
                    out.append((_folded_name(left), ALL_KINDS))
            return out
        if t == "attribute" and not truth and node_text(cond.child_by_field_name("attribute")) in ("netloc", "hostname"):
            root = url_root(cond, self.fa, self.url_parts)  # `if parsed.netloc: reject` -> a relative URL
            if root:
                out.append((root, frozenset({"open-redirect"})))
            return out
        if t == "call":
            f = cond.child_by_field_name("function")
            args = cond.child_by_field_name("arguments")
            fname = self.fa.resolve(node_text(f)) if f is not None else ""
            arg_nodes = [a for a in args.named_children if a.type != "keyword_argument"] if args is not None else []
            if not truth:
                return out
            if fname == "any" and args is not None and args.type == "generator_expression":
                return self._any_facts(args, env)
            if f is not None and f.type == "attribute":
                method = node_text(f.child_by_field_name("attribute"))
                obj = f.child_by_field_name("object")
                if method in ("isdigit", "isalnum", "isalpha", "isnumeric", "isdecimal", "isidentifier") \
                        and name_of(obj):
                    out.append((name_of(obj), ALL_KINDS))
                elif method in ("startswith", "is_relative_to") and obj is not None and obj.type == "identifier" \
                        and _normalized(env.get(node_text(obj)) or CLEAN):
                    out.append((node_text(obj), frozenset({"path-traversal"})))
                elif method in ("startswith", "is_relative_to") and obj is not None:
                    root = path_root(obj)
                    if root and obj.type == "call":  # realpath(x).startswith(BASE)
                        out.append((root, frozenset({"path-traversal"})))
                    elif root and method == "is_relative_to":
                        out.append((root, frozenset({"path-traversal"})))
                    elif root and arg_nodes and is_str_literal(arg_nodes[0], None):
                        lit = string_literal(arg_nodes[0]) or ""
                        if PINNED_URL.match(lit) or lit.startswith(("https://", "http://")) and lit.count("/") >= 3:
                            out.append((root, frozenset({"ssrf", "open-redirect"})))
            if fname in ("re.fullmatch", "re.match") and len(arg_nodes) >= 2:
                pat = string_literal(arg_nodes[0]) or ""
                if fname == "re.fullmatch" or pat.endswith(("$", "\\Z")):
                    if name_of(arg_nodes[1]):
                        out.append((name_of(arg_nodes[1]), ALL_KINDS))
            elif f is not None and f.type == "attribute" and node_text(f.child_by_field_name("attribute")) in (
                    "fullmatch", "match") and arg_nodes and name_of(arg_nodes[0]):
                out.append((name_of(arg_nodes[0]), ALL_KINDS))
            if self.is_url_check(fname):
                url_kw = [a.child_by_field_name("value") for a in args.named_children
                          if a.type == "keyword_argument" and node_text(a.child_by_field_name("name")) == "url"] \
                    if args is not None else []
                for a in [*arg_nodes[:1], *url_kw]:
                    key = self._subject(a)
                    if key:
                        out.append((key, frozenset({"ssrf", "open-redirect"})))
            preds = self.model.path_predicate_names
            if preds is not None and arg_nodes and preds.search(fname.rsplit(".", 1)[-1]):
                key = self._subject(arg_nodes[0])  # `if is_allowed_file(path, allowed_dirs):`
                if key:
                    out.append((key, _PATH_KINDS))
            if f is not None:
                out += self._helper_checks(f, arg_nodes)
            if fname.split(".")[-1] == "isinstance" and len(arg_nodes) == 2 and name_of(arg_nodes[0]):
                if node_text(arg_nodes[1]) in ("int", "float", "bool", "(int, float)"):
                    out.append((name_of(arg_nodes[0]), ALL_KINDS))
            return out
        return out


_PATH_WRAPPERS = frozenset({"Path", "pathlib.Path", "str", "os.fspath", "PurePath", "pathlib.PurePath"})


def _through_local(node: Node, fa: FileAnalysis) -> Node:
    """What a name compared in a check was last set to before the check, in the same function
    (`common = Path(os.path.commonpath([root, name]))` then `if common != root:`), through a path
    or string wrapper; the node itself when it is no such name."""
    if node.type != "identifier" or b"commonp" not in fa.doc.data:
        return node
    name, at = node_text(node), node.start_byte
    fn = node.parent
    while fn is not None and fn.type != "function_definition":
        fn = fn.parent
    if fn is None:
        return node
    value: Node | None = None
    for n in _walk(fn):
        if n.start_byte >= at:
            break
        if n.type == "assignment" and (target := n.child_by_field_name("left")) is not None \
                and target.type == "identifier" and node_text(target) == name:
            value = n.child_by_field_name("right")
    while value is not None and value.type == "call" and \
            fa.resolve(node_text(value.child_by_field_name("function"))) in _PATH_WRAPPERS:
        args = [c for c in value.child_by_field_name("arguments").named_children if c.type != "comment"]
        value = args[0] if len(args) == 1 else None
    return value if value is not None and is_commonpath(value, fa) else node


def _built_from(node: Node) -> Node:
    """The name node inside a path expression built from it (`Path(name)`), else the node."""
    root = built_path_root(node)
    if not root:
        return node
    for n in _walk(node):
        if n.type == "identifier" and node_text(n) == root:
            return n
    return node


def _split_name(node: Node) -> str:
    """The name whose path segments an expression lists (`path.split("/")`, `Path(path).parts`)."""
    if node.type == "call":
        fn = node.child_by_field_name("function")
        if fn is not None and fn.type == "attribute" and node_text(fn.child_by_field_name("attribute")) == "split":
            return name_of(fn.child_by_field_name("object"))
        return ""
    if node.type == "attribute" and node_text(node.child_by_field_name("attribute")) == "parts":
        obj = node.child_by_field_name("object")
        return name_of(obj) or built_path_root(obj) or ""
    return ""


def _walk(node: Node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.named_children))


def _normalized(v: Value) -> bool:
    """A resolved path, or text made of one and a fixed suffix (helpers included): every flow of
    untrusted data in it went through realpath/abspath/normpath."""
    if v.shape == "normpath":
        return True
    flows = [f for f in v.all_flows() if f.origin.kind != "unknown"]
    return bool(flows) and all(NORMALIZED in f.cleared for f in flows)


def _folded_name(node: Node) -> str:
    """The name under a case fold or a trim (`label.lower()`, `code.strip().upper()`), else ""."""
    while node is not None and node.type == "call":
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is None or fn.type != "attribute" or args is None or args.named_children or \
                node_text(fn.child_by_field_name("attribute")) not in ("lower", "upper", "casefold", "strip"):
            return ""
        node = fn.child_by_field_name("object")
    return name_of(node) if node is not None and node.type == "identifier" else ""
