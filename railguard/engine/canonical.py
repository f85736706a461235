"""Canonical names of a Python file: the same program with its evasions of module names undone.

A rule that names a module function (`os.system`, `pickle.loads`, `yaml.load`) is written
for the plain spelling. The same call can be spelled in ways that such a rule does not see:

    from os import system; system(cmd)          ->  os.system(cmd)
    import pickle as p; p.loads(b)              ->  pickle.loads(b)
    os.𝘴ystem(cmd)   (Python applies NFKC)      ->  os.system(cmd)
    getattr(os, "system")(cmd)                  ->  os.system(cmd)
    __import__("os").system(cmd)                ->  os.system(cmd)

`canonical_source` rewrites those spellings and keeps an offset map back to the original
bytes, so the query analyzer can run its rules on the rewritten program too and report at
the original place. A name rewritten from an import is left alone when the file also binds
it (a `def system():` of the project's own, a parameter, an assignment): the rewrite only
ever names what the import named. Only imports of modules that some rule names (`known`)
are rewritten, so an ordinary file produces no rewrite and costs one small query.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection

    from tree_sitter import Node

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
_NON_ASCII_WORD = re.compile(rb"[A-Za-z0-9_\x80-\xff]*[\x80-\xff][A-Za-z0-9_\x80-\xff]*")
_HINTS = (b"import", b"getattr")

_SITES = """
(import_statement) @imp
(import_from_statement) @imp
(call function: (identifier) @f (#any-of? @f "getattr" "__import__")) @dyn
(call function: (attribute object: (identifier) @m attribute: (identifier) @f)
  (#eq? @m "importlib") (#eq? @f "import_module")) @dyn
"""

# where an identifier is bound rather than used
_BINDING_PARENTS = {"parameters", "default_parameter", "typed_parameter", "typed_default_parameter",
                    "lambda_parameters", "global_statement", "nonlocal_statement", "for_statement",
                    "for_in_clause", "as_pattern_target", "pattern_list", "tuple_pattern", "list_pattern"}
_NOT_A_USE = {"import_statement", "import_from_statement", "aliased_import", "dotted_name", "keyword_argument"}


@dataclass(frozen=True)
class CanonicalSource:
    """The rewritten bytes and the edits that made them (original start, end, new start, new end)."""

    data: bytes
    edits: tuple[tuple[int, int, int, int], ...]

    def original_offset(self, offset: int, *, end: bool = False) -> int:
        """The original byte offset of an offset into the rewritten bytes; an offset inside a
        rewritten span maps to that span's start (or its end, for the end of a range)."""
        starts = [e[2] for e in self.edits]
        i = (bisect.bisect_left(starts, offset) if end else bisect.bisect_right(starts, offset)) - 1
        if i < 0:
            return offset
        o_start, o_end, _, n_end = self.edits[i]
        if offset < n_end or (end and offset == n_end):
            return o_end if end else o_start
        return offset - n_end + o_end

    def rewritten_offset(self, offset: int, *, end: bool = False) -> int:
        """The offset into the rewritten bytes of an original offset; one inside a rewritten span
        maps to that span's new start (or its new end, for the end of a range)."""
        i = bisect.bisect_right([e[0] for e in self.edits], offset) - 1
        if i < 0:
            return offset
        o_start, o_end, n_start, n_end = self.edits[i]
        if offset < o_end:
            return n_end if end and offset > o_start else n_start
        return offset - o_end + n_end


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


def canonical_source(data: bytes, root: Node, known: Collection[str]) -> CanonicalSource | None:
    """The file with its aliased, dynamic and look-alike module names spelled plainly; None
    when nothing needs a rewrite."""
    non_ascii = not data.isascii()
    if not non_ascii and not any(h in data for h in _HINTS):
        return None
    aliases: dict[str, str] = {}
    imports, dyn = sites(data, root)
    for node in imports:
        aliases.update(_import_aliases(node, data, known))
    idents = _identifier_edits(data, root, aliases, non_ascii)
    resolved: dict[tuple[int, int], str] = {}
    for node in sorted(dyn, key=lambda n: (n.start_byte, -n.end_byte)):
        if any(s <= node.start_byte and node.end_byte <= e for s, e in resolved):
            continue
        text = _resolve(node, data, idents)
        if text is not None:
            resolved[(node.start_byte, node.end_byte)] = text
    edits = {k: v for k, v in idents.items() if not any(s <= k[0] and k[1] <= e for s, e in resolved)}
    edits.update(resolved)
    if not edits:
        return None
    out, spans, pos, shift = [], [], 0, 0
    for (start, end), text in sorted(edits.items()):
        new = text.encode("utf-8")
        out += [data[pos:start], new]
        spans.append((start, end, start + shift, start + shift + len(new)))
        shift += len(new) - (end - start)
        pos = end
    out.append(data[pos:])
    return CanonicalSource(b"".join(out), tuple(spans))


def sites(data: bytes, root: Node) -> tuple[list[Node], list[Node]]:
    """What `_SITES` matches, in the order of the file: the import statements, and the calls of
    getattr, __import__ and importlib.import_module; found from their words (a query over the
    whole tree costs several times more)."""
    from railguard.engine.ai.imports import import_statements

    dyn: dict[tuple[int, int], Node] = {}
    for word in (b"getattr", b"__import__", b"import_module"):
        at = data.find(word)
        while at >= 0:
            node = root.descendant_for_byte_range(at, at + len(word))
            if node is not None and node.type == "identifier" and (node.start_byte, node.end_byte) == \
                    (at, at + len(word)):
                call = _dynamic_call(node, word, data)
                if call is not None:
                    dyn.setdefault((call.start_byte, -call.end_byte), call)
            at = data.find(word, at + len(word))
    return import_statements(data, root), [dyn[k] for k in sorted(dyn)]


def _dynamic_call(name: Node, word: bytes, data: bytes) -> Node | None:
    parent = name.parent
    if parent is None:
        return None
    if word != b"import_module":
        return parent if parent.type == "call" and parent.child_by_field_name("function") == name else None
    obj = parent.child_by_field_name("object")
    if parent.type != "attribute" or parent.child_by_field_name("attribute") != name or obj is None \
            or obj.type != "identifier" or data[obj.start_byte:obj.end_byte] != b"importlib":
        return None
    call = parent.parent
    return call if call is not None and call.type == "call" and call.child_by_field_name("function") == parent else None


def dotted_name(node: Node, data: bytes) -> str | None:
    """The plain dotted name a name expression spells: look-alike letters NFKC-normalised,
    `getattr(x, "literal")`, `__import__("m")` and `import_module("m")` resolved (nested too);
    None when it is not such a name. For analyzers that follow imports themselves (taint)."""
    return _render(node, data, {})


def _text(node: Node, data: bytes) -> str:
    return data[node.start_byte : node.end_byte].decode("utf-8", "replace")


def _import_aliases(node: Node, data: bytes, known: Collection[str]) -> dict[str, str]:
    """Local name -> the dotted name it stands for, for the imports of modules a rule names."""
    out: dict[str, str] = {}
    if node.type == "import_statement":
        for child in node.children_by_field_name("name"):
            if child.type != "aliased_import":
                continue
            module = _norm(_text(child.child_by_field_name("name"), data))
            alias = _norm(_text(child.child_by_field_name("alias"), data))
            word = module.rsplit(".", 1)[-1]
            if word in known and alias != word:
                out[alias] = word
        return out
    module_node = node.child_by_field_name("module_name")
    if module_node is None or module_node.type != "dotted_name":
        return out  # relative imports name the project's own modules
    word = _norm(_text(module_node, data)).rsplit(".", 1)[-1]
    if word not in known:
        return out
    for child in node.children_by_field_name("name"):
        name_node = child.child_by_field_name("name") if child.type == "aliased_import" else child
        alias_node = child.child_by_field_name("alias") if child.type == "aliased_import" else child
        name, alias = _norm(_text(name_node, data)), _norm(_text(alias_node, data))
        if _IDENT.match(name) and _IDENT.match(alias):
            out[alias] = f"{word}.{name}"
    return out


_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") | frozenset(range(0x80, 0x100))


def alias_spans(data: bytes, aliases: Collection[str]) -> list[tuple[int, int]]:
    """Where a name occurs as a whole word (not inside a longer identifier); bytes.find, since a
    regex that starts with a look-behind tries every position of the file."""
    out: list[tuple[int, int]] = []
    for alias in aliases:
        word = alias.encode()
        at = data.find(word) if word else -1
        while at >= 0:
            end = at + len(word)
            if (at == 0 or data[at - 1] not in _WORD_BYTES) and (end == len(data) or data[end] not in _WORD_BYTES):
                out.append((at, end))
            at = data.find(word, at + 1)
    return out


def _identifier_edits(data: bytes, root: Node, aliases: dict[str, str], non_ascii: bool) -> dict[tuple[int, int], str]:
    """Uses of imported names (-> the dotted name) and look-alike identifiers (-> NFKC)."""
    found: dict[tuple[int, int], str] = {}
    shadowed: set[str] = set()
    candidates: list[tuple[int, int]] = []
    if aliases:
        candidates += alias_spans(data, aliases)
    if non_ascii:
        candidates += [m.span() for m in _NON_ASCII_WORD.finditer(data)]
    for start, end in sorted(set(candidates)):
        node = root.descendant_for_byte_range(start, end)
        if node is None or node.type != "identifier" or (node.start_byte, node.end_byte) != (start, end):
            continue
        text = _text(node, data)
        name = _norm(text)
        parent = node.parent
        use = parent is None or not (parent.type in _NOT_A_USE or _field_is(parent, "attribute", node))
        if name in aliases and _is_binding(node, parent):
            shadowed.add(name)
        elif name in aliases and use:
            found[(start, end)] = aliases[name]
        elif name != text and _IDENT.match(name):
            found[(start, end)] = name
    return {k: v for k, v in found.items() if _norm(_text_at(data, k)) not in shadowed}


def _text_at(data: bytes, span: tuple[int, int]) -> str:
    return data[span[0] : span[1]].decode("utf-8", "replace")


def _field_is(parent: Node, field: str, node: Node) -> bool:
    child = parent.child_by_field_name(field)
    return child is not None and child.start_byte == node.start_byte and child.end_byte == node.end_byte


def _is_binding(node: Node, parent: Node | None) -> bool:
    if parent is None:
        return False
    if parent.type in ("function_definition", "class_definition"):
        return _field_is(parent, "name", node)
    if parent.type in ("assignment", "augmented_assignment", "named_expression"):
        return _field_is(parent, "left", node) or _field_is(parent, "name", node)
    return parent.type in _BINDING_PARENTS


def _string_literal(node: Node, data: bytes) -> str | None:
    """The value of a plain string literal without escapes or interpolation."""
    if node.type != "string":
        return None
    parts = [c for c in node.children if c.type not in ("string_start", "string_end")]
    start = node.children[0] if node.children else None
    if start is None or "f" in _text(start, data).lower() or len(parts) != 1 or parts[0].type != "string_content":
        return None
    value = _text(parts[0], data)
    return value if _DOTTED.match(value) else None


def _resolve(node: Node, data: bytes, idents: dict[tuple[int, int], str]) -> str | None:
    """The dotted name a getattr/__import__/import_module call evaluates to, if it is literal."""
    if node.type != "call":
        return None
    func = node.child_by_field_name("function")
    args_node = node.child_by_field_name("arguments")
    if func is None or args_node is None or args_node.type != "argument_list":
        return None
    args = [a for a in args_node.named_children if a.type != "comment"]
    fname = _text(func, data).replace(" ", "")
    if fname in ("__import__", "importlib.import_module"):
        literal = _string_literal(args[0], data) if len(args) == 1 else None
        return literal.split(".", 1)[0] if literal and fname == "__import__" else literal
    if fname != "getattr" or len(args) not in (2, 3):
        return None
    attr = _string_literal(args[1], data)
    if attr is None or not _IDENT.match(attr):
        return None
    obj = _render(args[0], data, idents)
    return f"{obj}.{attr}" if obj else None


def _render(node: Node, data: bytes, idents: dict[tuple[int, int], str]) -> str | None:
    """A name expression (identifier, attribute chain, resolvable call) as canonical text."""
    if node.type == "identifier":
        return idents.get((node.start_byte, node.end_byte), _norm(_text(node, data)))
    if node.type == "attribute":
        obj = node.child_by_field_name("object")
        attr = node.child_by_field_name("attribute")
        left = _render(obj, data, idents) if obj is not None else None
        return f"{left}.{_norm(_text(attr, data))}" if left and attr is not None else None
    if node.type == "call":
        return _resolve(node, data, idents)
    return None
