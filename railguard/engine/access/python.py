"""What every Python framework model needs from a file: imports, module name,
constructed objects (apps, blueprints, routers), functions, classes and decorators."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from railguard.engine.access.tree import dotted, last_name, walk

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document

FUNCTION_TYPES = frozenset({"function_definition"})


def module_of(path: str) -> str:
    """'app/admin/views.py' -> 'app.admin.views'; '__init__' names the package."""
    p = path.replace("\\", "/")
    for suffix in (".py", ".pyi"):
        if p.endswith(suffix):
            p = p[: -len(suffix)]
    parts = [s for s in p.split("/") if s and s != "."]
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_matches(key: str, wanted: str) -> bool:
    """Does the module key of a file (from its path) name the module `wanted` (from an import)?"""
    if not wanted:
        return False
    return key == wanted or key.endswith("." + wanted) or wanted.endswith("." + key)


@dataclass
class Definition:
    node: Node  # function_definition or class_definition
    outer: Node  # the decorated_definition, or node itself
    decorators: list[Node] = field(default_factory=list)  # the decorator expressions

    @property
    def name_node(self) -> Node | None:
        return self.node.child_by_field_name("name")


class PyFile:
    @classmethod
    def of(cls, doc: Document) -> PyFile:
        """One PyFile per Document (the project index reads each file twice)."""
        cached = doc.__dict__.get("_access_pyfile")
        if cached is None:
            cached = doc.__dict__["_access_pyfile"] = cls(doc)
        return cached

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.module = module_of(doc.path)
        self.root = doc.tree.root_node

    def text(self, node: Node | None) -> str:
        return self.doc.node_text(node) if node is not None else ""

    def dotted(self, node: Node | None) -> str:
        return dotted(self.doc, node)

    @cached_property
    def is_package(self) -> bool:
        return self.doc.path.replace("\\", "/").endswith("__init__.py")

    @cached_property
    def imports(self) -> dict[str, tuple[str, str]]:
        """local name -> (module, imported name or "" for a module import)."""
        out: dict[str, tuple[str, str]] = {}
        nodes = list(walk(self.root, {"import_from_statement", "import_statement"}, doc=self.doc))
        # module-level imports win over imports inside functions (app factories import blueprints locally)
        nodes.sort(key=lambda n: n.parent is not None and n.parent.type != "module")
        for node in nodes:
            if node.type == "import_statement":
                for item in node.named_children:
                    if item.type == "dotted_name":
                        name = self.text(item)
                        out.setdefault(name.split(".")[0], (name.split(".")[0], ""))
                    elif item.type == "aliased_import":
                        name = self.text(item.child_by_field_name("name"))
                        alias = self.text(item.child_by_field_name("alias"))
                        out.setdefault(alias, (name, ""))
                continue
            mod_node = node.child_by_field_name("module_name")
            module = self._absolute(self.text(mod_node)) if mod_node is not None else ""
            for item in node.children_by_field_name("name"):
                if item.type == "aliased_import":
                    name = self.text(item.child_by_field_name("name"))
                    alias = self.text(item.child_by_field_name("alias"))
                else:
                    name = alias = self.text(item)
                out.setdefault(alias, (module, name))
        return out

    def _absolute(self, module: str) -> str:
        if not module.startswith("."):
            return module
        dots = len(module) - len(module.lstrip("."))
        rest = module[dots:]
        package = self.module.split(".") if self.module else []
        if not self.is_package:
            package = package[:-1]
        if dots > 1:
            package = package[: len(package) - (dots - 1)] if dots - 1 <= len(package) else []
        return ".".join([*package, rest] if rest else package)

    def origin(self, name: str) -> tuple[str, str]:
        """Where a local name comes from: (module, name in that module). Local definitions: (this module, name)."""
        head = name.split(".")[0]
        if head in self.imports and head not in self.assigned:
            module, imported = self.imports[head]
            rest = name.split(".")[1:]
            if imported:
                if rest:  # `from app.routers import items` then `items.router` (or `api.flows.router`)
                    return (".".join(p for p in (module, imported, *rest[:-1]) if p), rest[-1])
                return (module, imported)
            return (".".join([module, *rest[:-1]]) if rest else module, rest[-1] if rest else "")
        return (self.module, name)

    @cached_property
    def assigned(self) -> dict[str, Node]:
        """name -> the call it is assigned from (any depth: app factories assign inside functions)."""
        out: dict[str, Node] = {}
        for node in walk(self.root, {"assignment"}, doc=self.doc):
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if left is None or right is None or left.type not in ("identifier", "attribute"):
                continue
            name = self.text(left)
            if name.startswith("self."):
                name = name[5:]
            if right.type == "call" and name not in out:
                out[name] = right
            elif name not in out:
                out.setdefault(name, right)
        return out

    def constructed_with(self, constructors: frozenset[str]) -> dict[str, Node]:
        """Variables assigned a call to one of the constructors (last name)."""
        return {name: call for name, call in self.assigned.items()
                if call.type == "call" and last_name(self.dotted(call.child_by_field_name("function"))) in constructors}

    @cached_property
    def definitions(self) -> list[Definition]:
        out: list[Definition] = []
        for node in walk(self.root, {"decorated_definition", "function_definition", "class_definition"}, doc=self.doc):
            if node.type == "decorated_definition":
                inner = node.child_by_field_name("definition")
                if inner is None:
                    continue
                decos = []
                for d in node.named_children:
                    if d.type == "decorator":
                        expr = d.named_children[0] if d.named_children else None
                        if expr is not None:
                            decos.append(expr)
                out.append(Definition(inner, node, decos))
            elif node.parent is None or node.parent.type != "decorated_definition":
                out.append(Definition(node, node, []))
        return out

    def functions(self) -> list[Definition]:
        return [d for d in self.definitions if d.node.type == "function_definition"]

    def classes(self) -> list[Definition]:
        return [d for d in self.definitions if d.node.type == "class_definition"]

    def is_top_level(self, d: Definition) -> bool:
        parent = d.outer.parent
        return parent is not None and parent.type == "module"

    def enclosing_class(self, d: Definition) -> Node | None:
        n = d.outer.parent
        while n is not None:
            if n.type == "class_definition":
                return n
            if n.type == "function_definition":
                return None
            n = n.parent
        return None

    def class_bases(self, cls: Node) -> list[str]:
        supers = cls.child_by_field_name("superclasses")
        if supers is None:
            return []
        return [self.dotted(c) or self.text(c) for c in supers.named_children if c.type != "keyword_argument"]

    def class_attr(self, cls: Node, name: str) -> Node | None:
        body = cls.child_by_field_name("body")
        if body is None:
            return None
        for stmt in body.named_children:
            if stmt.type == "expression_statement" and stmt.named_children:
                a = stmt.named_children[0]
                if a.type == "assignment":
                    left = a.child_by_field_name("left")
                    if left is not None and self.text(left) == name:
                        return a.child_by_field_name("right")
        return None

    @cached_property
    def _by_parent(self) -> dict[int, list[Definition]]:
        out: dict[int, list[Definition]] = {}
        for d in self.definitions:
            if d.outer.parent is not None and d.node.type == "function_definition":
                out.setdefault(d.outer.parent.id, []).append(d)
        return out

    def methods(self, cls: Node) -> list[Definition]:
        body = cls.child_by_field_name("body")
        if body is None:
            return []
        return list(self._by_parent.get(body.id, []))

    def param_names(self, fn: Node) -> list[str]:
        params = fn.child_by_field_name("parameters")
        out = []
        if params is None:
            return out
        for p in params.named_children:
            if p.type == "identifier":
                out.append(self.text(p))
            elif p.type in ("typed_parameter", "default_parameter", "typed_default_parameter"):
                n = p.child_by_field_name("name") or (p.named_children[0] if p.named_children else None)
                if n is not None and n.type == "identifier":
                    out.append(self.text(n))
        return out

    def decorator_names(self, d: Definition) -> list[str]:
        return [self.dotted(e) if e.type != "call" else self.dotted(e.child_by_field_name("function")) for e in d.decorators]

