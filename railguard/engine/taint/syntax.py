"""Reading the Python tree: node text, string literals, names, and the roots of path and URL checks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.taint.flow import FileAnalysis

PLACEHOLDER = LazyPattern(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[hlL]?([a-zA-Z%])")
PINNED_URL = LazyPattern(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*://[^/?#]+[/?#]|/[^/\\])")
ALLOW_LIST_CLASS = LazyPattern(r"^\[\^(?:[\w\-]|\\[wd])+\][+*]?$")
ID_NAME = LazyPattern(r"^(?:pk|id|\w+_id|\w+_pk|year|month|day|page)$")  # Django's <int:pk> and friends
NEWLINES = ("\n", "\r")
# a module-level alias of a FastAPI dependency (`DbSession = Annotated[AsyncSession, Depends(get_session)]`,
# `CurrentUser: TypeAlias = Annotated[User, Security(...)]`): a parameter annotated with it is filled
# by the dependency, not from the request. Continuation lines are indented; the next statement is not.
DEPENDENCY_ALIAS = LazyPattern(
    rb"^(?:type[ \t]+)?(\w+)[ \t]*(?::[ \t]*[\w.]+[ \t]*)?=[ \t]*(?:typing\.|typing_extensions\.)?Annotated\["
    rb"(?:[^=\n]|\n[ \t]){0,400}?\b(?:Depends|Security)[ \t]*\(", re.MULTILINE)


def dependency_aliases(data: bytes) -> set[str]:
    """The names of the FastAPI dependency aliases a module defines."""
    if b"Annotated[" not in data:
        return set()
    return {m.decode() for m in DEPENDENCY_ALIAS.findall(data)}


def node_text(node: Node) -> str:
    return node.text.decode("utf-8", "surrogateescape") if node.text is not None else ""


def string_literal(node: Node) -> str | None:
    """The content of a plain (non-f) string literal, or None."""
    if node.type == "concatenated_string":
        parts = [string_literal(c) for c in node.named_children]
        return None if any(p is None for p in parts) else "".join(parts)
    if node.type != "string":
        return None
    start = node.child(0)
    if start is not None and "f" in node_text(start).lower():
        if not any(c.type == "interpolation" for c in node.children):
            pass
        else:
            return None
    out = []
    for c in node.children:
        if c.type == "string_content":
            out.append(unescape(node_text(c), start is not None and "r" in node_text(start).lower()))
        elif c.type == "escape_sequence":
            out.append(unescape(node_text(c), False))
        elif c.type == "interpolation":
            return None
    return "".join(out)


def unescape(s: str, raw: bool) -> str:
    if raw or "\\" not in s:
        return s
    return (s.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\'", "'")
            .replace('\\"', '"').replace("\\\\", "\\"))


def name_of(node: Node | None) -> str:
    if node is None:
        return ""
    if node.type == "identifier":
        return node_text(node)
    if node.type == "attribute":
        obj = node.child_by_field_name("object")
        return node_text(node) if obj is not None and name_of(obj) else ""
    if node.type == "parenthesized_expression" and node.named_children:
        return name_of(node.named_children[0])
    return ""


def is_str_literal(node: Node, values) -> bool:
    lit = string_literal(node) if node is not None else None
    if lit is None:
        return False
    return values is None or lit in values


def path_root(node: Node) -> str:
    """The variable inside realpath(x) / abspath(x) / Path(x).resolve() / x."""
    n = node
    for _ in range(6):
        if n.type == "identifier":
            return node_text(n)
        if n.type == "call":
            f = n.child_by_field_name("function")
            args = n.child_by_field_name("arguments")
            inner = [a for a in args.named_children if a.type != "keyword_argument"] if args is not None else []
            if inner:
                n = inner[-1] if f is not None and node_text(f).endswith("join") else inner[0]
                continue
            if f is not None and f.type == "attribute":
                n = f.child_by_field_name("object")
                continue
            return ""
        if n.type == "attribute":
            n = n.child_by_field_name("object")
            continue
        return ""
    return ""


# calls that make a path out of a name: wrapping, resolving, joining it under a folder
_PATH_BUILDERS = frozenset({"Path", "PurePath", "PosixPath", "PurePosixPath", "PureWindowsPath", "WindowsPath",
                            "realpath", "abspath", "normpath", "join", "resolve",
                            "absolute", "expanduser"})


def built_path_root(node: Node | None) -> str:
    """The name a path expression is built from: `name` in Path(name), realpath(join(root, name)),
    root / name, Path(name).resolve(); "" for anything else (text formatting, other calls)."""
    n = node
    for _ in range(8):
        if n is None:
            return ""
        if n.type == "identifier":
            return node_text(n) if n is not node else ""
        if n.type == "parenthesized_expression" and n.named_children:
            n = n.named_children[0]
            continue
        if n.type == "binary_operator":
            op = n.child_by_field_name("operator")
            if op is None or node_text(op) != "/":
                return ""
            n = n.child_by_field_name("right")
            continue
        if n.type != "call":
            return ""
        f = n.child_by_field_name("function")
        short = node_text(f).rsplit(".", 1)[-1] if f is not None else ""
        if short not in _PATH_BUILDERS:
            return ""
        args = n.child_by_field_name("arguments")
        inner = [a for a in args.named_children if a.type not in ("keyword_argument", "comment")] if args is not None else []
        names = [a for a in inner if a.type not in ("string", "concatenated_string")]
        if names:
            n = names[-1] if short == "join" else names[0]
        elif f is not None and f.type == "attribute" and not inner:
            n = f.child_by_field_name("object")  # Path(name).resolve()
        else:
            return ""
    return ""


def url_root(node: Node, fa: FileAnalysis, parts: dict[str, str] | None = None) -> str:
    """x in `urlparse(x).netloc`, `urlparse(x).hostname`, `urlparse(x)`, or `parsed.netloc` when
    parsed = urlparse(x)."""
    if node.type == "call":
        f = node.child_by_field_name("function")
        if f is not None and node_text(f).split(".")[-1] in ("urlparse", "urlsplit"):
            return path_root(node)
        return ""
    if node.type != "attribute":
        return ""
    attr = node_text(node.child_by_field_name("attribute"))
    if attr not in ("netloc", "hostname", "host", "scheme"):
        return ""
    obj = node.child_by_field_name("object")
    if obj is None:
        return ""
    if obj.type == "identifier":
        return (parts or {}).get(node_text(obj), "")
    return url_root(obj, fa, parts)


def is_commonpath(node: Node, fa: FileAnalysis) -> bool:
    if node.type != "call":
        return False
    f = node.child_by_field_name("function")
    return f is not None and fa.resolve(node_text(f)) in ("os.path.commonpath", "os.path.commonprefix")


def identifiers_in(node: Node) -> list[str]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            out.append(node_text(n))
        stack.extend(n.named_children)
    return out


def spelled_names(node: Node) -> list[str]:
    """The names a text is spelled from when nothing else varies in it: `x`, `f"{x}-auth"`,
    `prefix + x`; [] when anything else goes in (a subscript, a call, a format spec)."""
    if node.type == "identifier":
        return [node_text(node)]
    if node.type == "parenthesized_expression" and len(node.named_children) == 1:
        return spelled_names(node.named_children[0])
    if node.type == "binary_operator":
        op = node.child_by_field_name("operator")
        if op is None or node_text(op) != "+":
            return []
        parts = [node.child_by_field_name("left"), node.child_by_field_name("right")]
        names = [spelled_names(p) if p is not None and p.type != "string" else [] for p in parts]
        if any(p is None or p.type != "string" and not n or p.type == "string" and not _plain(p)
               for p, n in zip(parts, names, strict=True)):
            return []
        return names[0] + names[1]
    if node.type == "string" and any(c.type == "interpolation" for c in node.named_children):
        out = []
        for c in node.named_children:
            if c.type == "interpolation":
                inner = c.named_children
                if len(inner) != 1 or inner[0].type != "identifier":
                    return []
                out.append(node_text(inner[0]))
        return out
    return []


def _plain(node: Node) -> bool:
    return not any(c.type == "interpolation" for c in node.named_children)


_READ_METHODS = frozenset({"get", "getlist", "get_argument", "get_query_argument"})


def is_pure_read(node: Node) -> bool:
    """An attribute, a subscript with a constant key, or a `.get("key")` call on one: reading it
    twice gives the same value, so a check of the first read holds for the second."""
    t = node.type
    if t == "identifier":
        return True
    if t == "attribute":
        obj = node.child_by_field_name("object")
        return obj is not None and is_pure_read(obj)
    if t == "subscript":
        obj = node.child_by_field_name("value")
        key = node.child_by_field_name("subscript")
        return obj is not None and key is not None and key.type in ("string", "integer") and is_pure_read(obj)
    if t == "call":
        f = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if f is None or f.type != "attribute" or args is None:
            return False
        method = f.child_by_field_name("attribute")
        if method is None or node_text(method) not in _READ_METHODS:
            return False
        if any(a.type not in ("string", "integer", "none", "keyword_argument") for a in args.named_children):
            return False
        return is_pure_read(f.child_by_field_name("object"))
    return False
