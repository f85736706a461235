"""Sinks: the arguments a dangerous call is sensitive to, and the verdict on what reaches them.

Mixed into `FunctionRun` (flow.py). A tainted flow into a sink is a `Hit` (or, from a
parameter, part of the function's summary); a sink whose arguments are all proven safe
is a `Verdict`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern
from railguard.engine.taint.calls import (
    BUFFER,
    OPENED_FILE,
    SSRF_SAFE,
    Call,
    receiver_is_module,
    suffix_match,
)
from railguard.engine.taint.model import ALL, SinkSpec
from railguard.engine.taint.state import Env, Hit, Verdict
from railguard.engine.taint.syntax import PLACEHOLDER, node_text
from railguard.engine.taint.values import (
    CLEAN,
    PATH_ONLY,
    UPLOAD,
    Value,
    int_keys,
    join,
    on_this_site,
    ordered,
)

if TYPE_CHECKING:
    from tree_sitter import Node


FIXED_HOST = LazyPattern(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://[^/?#@]+[/?#]")
_CONTAINERS = frozenset({"dict", "list", "set", "tuple"})
# the default of a mapping's get(): an empty container, None, a number or a flag
_DEFAULT_VALUE = LazyPattern(r"^(?:\{\}|\[\]|\(\)|None|True|False|-?\d+(?:\.\d+)?|(?:set|dict|list|tuple)\(\))$")


class SinksMixin:
    """Checks calls and stores against the sinks of the model."""

    def check_sinks(self, c: Call, env: Env) -> None:
        model = self.model
        specs = list(model.sink_index.get(c.name, ()))
        if c.raw_name and c.raw_name != c.name and "." in c.raw_name:
            specs += model.sink_index.get(c.raw_name, ())
        elif specs and c.name == c.raw_name and "." not in c.name and c.name in self.fa.functions:
            # the module's own function of that name (`def send_file(data, name, type)`): what it
            # does is read through its summary, not taken from the library function it shadows
            specs = []
        exact = {s.kind for s in specs}  # a resolved function (urllib.request.urlopen) is no method of a client
        if c.method and c.method in model.method_sinks and not receiver_is_module(c, self.fa):
            rtext = node_text(c.receiver_node) if c.receiver_node is not None else ""
            for spec in model.method_sinks[c.method]:
                if spec.kind in exact:
                    continue
                if spec.receivers is not None and not self._receiver_fits(c, spec, rtext):
                    continue
                if spec.receivers is None and spec.not_receivers is not None and (
                        spec.not_receivers.search(rtext) or spec.not_receivers.search(self.fa.resolve(rtext))):
                    continue  # `command.execute(argv)`: a method of the same name on something else
                if spec.receiver_types is not None and not self._declared_type_fits(c, spec.receiver_types):
                    continue  # `use_case.execute(items)` on a `use_case: UpsertUseCase` parameter
                if any(suffix_match(n, c.name) for n in spec.names if n.startswith("*.")):
                    specs.append(spec)
        if c.method == "parse" or c.method == "parseString" or c.method == "feed":
            if c.receiver is not None and c.receiver.shape == "sax-unsafe":
                self._judge(c, "xxe", [(c.pos[0], c.pos_nodes[0])] if c.pos else [])
        seen_kinds = set()
        for spec in specs:
            if (spec.kind, id(spec)) in seen_kinds:
                continue
            if c.name in model.not_sinks.get(spec.kind, ()):
                if self._given_no_path(c, spec):
                    self.fa.verdicts.append(Verdict(c.node.start_byte, c.node.end_byte, spec.kind))
                continue
            seen_kinds.add((spec.kind, id(spec)))
            values = self._dangerous_args(c, spec)
            if values is None:
                continue
            if spec.kind == "xpath-injection" and c.receiver is not None:
                values = _not_from_the_document(values, c.receiver)
            self._judge(c, spec.kind, values, spec)

    def _receiver_fits(self, c: Call, spec: SinkSpec, rtext: str) -> bool:
        """A sink matched by its receiver's name needs evidence of the receiver's type: the name
        fits, the value is not a container, and the file imports a module that makes such objects."""
        if spec.receivers is None or not spec.receivers.search(rtext):
            return False
        if c.receiver is not None and c.receiver.shape in _CONTAINERS:
            return False  # pool.get(key) on a dict
        if c.method == "get" and len(c.pos_nodes) == 2 and _DEFAULT_VALUE.match(node_text(c.pos_nodes[1])):
            return False  # `table.get(key, {})`: a mapping's default, no HTTP client takes one there
        if spec.kind == "ssrf" and c.receiver is not None and c.receiver.shape == SSRF_SAFE:
            return False  # a client that checks the addresses it connects to
        if spec.not_receivers is not None and (
                spec.not_receivers.search(rtext) or spec.not_receivers.search(self.fa.resolve(rtext))):
            return False
        if spec.modules:
            imported = self.fa.imports.values()
            return any(v == m or v.startswith(m + ".") for v in imported for m in spec.modules)
        return True

    def _given_no_path(self, c: Call, spec: SinkSpec) -> bool:
        """A call the model says is no sink of this kind (Django's FileResponse streams the file
        object it is given) proves it safe where what it is given is clean or a file opened from a
        path found safe: a verdict, so that syntactic rules give way; otherwise it has no opinion."""
        args = [c.pos[i] for i in spec.args if i < len(c.pos)] + [c.kw[k] for k in spec.keywords if k in c.kw]
        return bool(args) and all(v.shape == OPENED_FILE or not v.all_flows() for v in args)

    def _declared_type_fits(self, c: Call, types: LazyPattern) -> bool:
        """The receiver's class, where the code declares it (the annotation of the parameter the
        receiver is, an instance of an imported class), fits the sink's receiver types; a class of
        a module that builds SQL always fits, and so does a receiver whose class is not declared."""
        declared = ""
        if c.receiver is not None and c.receiver.shape.startswith("object:"):
            declared = c.receiver.shape[len("object:"):]
        elif c.receiver_node is not None and c.receiver_node.type == "identifier" and self.fn is not None:
            declared = _parameter_annotation(self.fn, node_text(c.receiver_node))
        if not declared:
            return True
        names = re.findall(r"[A-Za-z_][\w.]*", declared)
        if any(self.fa.resolve(n).startswith(self.lib.sql_text_modules) for n in names):
            return True
        return types.search(declared) is not None

    def _dangerous_args(self, c: Call, spec: SinkSpec) -> list[tuple[Value, Node]] | None:
        """The argument values a sink is sensitive to, or None when this call is not dangerous."""
        out: list[tuple[Value, Node]] = []
        if spec.receiver:
            if c.receiver is None or c.receiver_node is None:
                return None
            if c.receiver.shape in ("str", "request", UPLOAD) and c.receiver_node.type == "identifier":
                # `upload = request.data.get("file"); upload.open()`: what the request holds is text or an
                # uploaded file, and neither has a Path's methods: an object of the request, no path
                return None
            return [(c.receiver, c.receiver_node)]
        if spec.yaml_loader:
            loader = c.kw_nodes.get("Loader")
            if loader is None and len(c.pos_nodes) > 1:
                loader = c.pos_nodes[1]
            if loader is not None and re.search(r"(C?SafeLoader|BaseLoader)\b", node_text(loader)):
                return []  # safe by construction: a verdict, no finding
        if spec.xml_parser:
            parser = c.kw.get("parser") or (c.pos[1] if len(c.pos) > 1 else None)
            if parser is not None and parser.shape == "xml-safe":
                return []
        if spec.kind == "xss":
            parent = c.node.parent
            if parent is not None and parent.type == "attribute" and parent.child_by_field_name("object") == c.node \
                    and node_text(parent.child_by_field_name("attribute")) in ("unescape", "striptags"):
                return None  # Markup(x).unescape(): turns markup into plain text, renders nothing
            if any(_not_html_type(c.kw.get(k)) for k in ("mimetype", "content_type", "media_type")) \
                    or _not_html_type(_content_type_header(c.kw.get("headers"))) \
                    or _not_html_type(_content_type_header(_tuple_headers(c))):
                return []
            if (t := _response_tuple(c)) is not None:
                # make_response((body, status, headers)): only the body is written into the page
                return [(t.fields[0], c.pos_nodes[0])]
        if spec.kind == "path-traversal" and c.method == "save" and len(c.pos_nodes) >= 2 \
                and c.pos_nodes[1].type not in ("string", "concatenated_string"):
            return None  # Django's storage API save(name, content): names are confined to the storage root
        for i in spec.args:
            if i < len(c.pos):
                if spec.kind == "path-traversal" and c.pos[i].shape == BUFFER:
                    continue  # send_file(io.BytesIO(data)): the content is sent, no file is named
                if spec.kind == "path-traversal" and c.pos[i].shape == OPENED_FILE:
                    out.append((CLEAN, c.pos_nodes[i]))  # send_file(open(name)): open() was the sink, found safe
                    continue
                if spec.kind == "sql-injection" and c.pos[i].shape.startswith(("class:", "object:")):
                    continue  # an object of the project or a library (an SDK request, a query builder), not SQL text
                out.append((c.pos[i], c.pos_nodes[i]))
        for k in spec.keywords:
            if k in c.kw:
                out.append((c.kw[k], c.kw_nodes[k]))
        if spec.all_keywords:
            out.extend((c.kw[k], c.kw_nodes[k]) for k in c.kw if k not in spec.keywords)
        if not out:
            return None
        if spec.argv:
            shell = c.kw.get("shell")
            use_shell = shell is not None and (shell.const is True or not shell.is_const)
            v, n = out[0]
            if not use_shell and v.fields is not None and int_keys(v.fields) and v.shape in ("list", "tuple"):
                items = [v.fields[k] for k in sorted(v.fields)]
                if not items:
                    return None
                dangerous = [items[0]]
                prog = items[0].const if items[0].is_const else None
                if isinstance(prog, str) and prog.rsplit("/", 1)[-1] in {s.rsplit("/", 1)[-1] for s in self.lib.shells}:
                    dangerous = items[1:]
                elif isinstance(prog, str) and prog.rsplit("/", 1)[-1] in self.lib.interpreters:
                    if any(x.is_const and x.const in self.lib.interpreter_code_flags for x in items[1:]):
                        dangerous = items[1:]
                return [(Value(join(*dangerous).all_flows() | v.flows), n)]
            if not use_shell and v.shape in ("list", "tuple") and v.fields is None:
                prog = (v.prefix or "").rsplit("/", 1)[-1]
                if prog and prog not in {s.rsplit("/", 1)[-1] for s in self.lib.shells} \
                        and prog not in self.lib.interpreters:
                    # a fixed program with arguments of unknown number: argument injection at most,
                    # reported at low confidence
                    low = frozenset({PATH_ONLY + spec.kind})
                    return [(Value(frozenset(f.clear(low) for f in v.all_flows())), n)]
                return [(v, n)]
        if spec.log_format and c.pos and isinstance(c.pos[0].const, str):
            convs = [x for x in PLACEHOLDER.findall(c.pos[0].const) if x != "%"]
            filtered = [out[0]]
            for j, (v, n) in enumerate(out[1:]):
                conv = convs[j] if j < len(convs) else "s"
                if conv in "rdifxXeEgG":
                    continue
                filtered.append((v, n))
            return filtered
        return out

    def _judge(self, c: Call, kind: str, values: list[tuple[Value, Node]], spec: SinkSpec | None = None) -> None:
        safe, unknown, checked = True, False, False
        for v, _n in values:
            if kind == "open-redirect" and on_this_site(v):
                continue
            if kind == "path-traversal" and v.shape == UPLOAD:
                continue  # ZipFile(request.files["f"]): the uploaded file object is read, no path is opened
            if kind == "open-redirect" and c.name == "django.shortcuts.redirect" and _record_named(_n):
                continue  # Django's redirect(obj) goes to obj.get_absolute_url(): a record, by its name
            # "https://api.example.org/" + path: the scheme and host are fixed, the input picks a path
            path_only = kind == "ssrf" and bool(v.prefix) and FIXED_HOST.match(v.prefix or "") is not None
            for f in ordered(v.all_flows()):
                if kind in f.cleared or ALL in f.cleared:
                    checked = checked or f.origin.kind == "source"
                    continue
                if path_only:
                    f = f.clear(frozenset({PATH_ONLY + kind}))
                sink_name = c.raw_name or c.name or "call"
                if f.origin.kind == "source":
                    self.fa.hits.append(Hit(kind, f, c.node.start_byte, c.node.end_byte, sink_name))
                elif f.origin.kind == "param":
                    self.param_hits.append(Hit(kind, f, c.node.start_byte, c.node.end_byte, sink_name))
                elif f.origin.kind == "unknown":
                    unknown = True
                    continue
                safe = False
        # safe: nothing of unknown origin and no unchecked input reaches the sink; or the request's
        # value reaches it only checked, beside values of unknown origin (`root / path` after a
        # check of `path`, `root` computed by a library): what the syntactic rules ask about, the
        # request's data in the sink, has an answer either way
        if safe and (not unknown or checked):
            self.fa.verdicts.append(Verdict(c.node.start_byte, c.node.end_byte, kind))

    def check_store_sink(self, target: Node, obj: Node, value: Value, env: Env, at: Node | None = None) -> None:
        otext = node_text(obj)
        resolved = self.fa.resolve(otext)
        for spec in self.model.store_sinks:
            matched = False
            for pat in spec.subscript_store:
                if pat.startswith("*."):
                    if otext.endswith(pat[1:]):
                        matched = True
                elif pat == otext or pat == resolved:
                    matched = True
            if not matched:
                continue
            if spec.kind == "header-injection" and not otext.endswith(".headers"):
                ov = env.get(otext)
                if ov is None or not ov.shape.startswith("response"):
                    continue
            node = at if at is not None else (target.parent or target)
            fake = Call(node, otext, otext, "", None, None, [value], [target], {}, {}, CLEAN)
            self._judge(fake, spec.kind, [(value, target)], spec)

    def check_route_return(self, value: Value, node: Node) -> None:
        v = value
        if v.fields is not None and v.shape == "tuple" and 0 in v.fields:
            v = v.fields[0]
        if v.shape not in ("str", "request"):
            return  # a response object, JSON data or something we cannot tell
        fake = Call(node, "return", "return", "", None, None, [v], [node], {}, {}, CLEAN)
        self._judge(fake, "xss", [(v, node)])


# names of text that can hold a URL (`next_url`, `target`, `params["to"]`); a name without any of
# these words (`instance`, `created_unit`, `form.instance`, `user_list[0]`) holds a record
_URLISH = LazyPattern(r"(?i)ur[li]|next|path|target|link|location|redirect|dest|return|goto|back|href|^to$|site|page|"
                     r"refer|continue|came_from|success|where|host|data|param|arg|value|query|^[a-z]$|^q$|str|text|"
                     r"input|^get$|^post$|request|req$|cleaned|kwargs|session|cookie|header|environ|body|json")


def _record_named(node: Node | None) -> bool:
    """A name, attribute or item that by its words holds a model record, not text."""
    if node is None or node.type not in ("identifier", "attribute", "subscript"):
        return False
    words = re.findall(r"[A-Za-z_]\w*", node_text(node))
    return bool(words) and len(words[-1]) >= 3 and not any(_URLISH.search(w) for w in words)


def _not_html_type(v: Value | None) -> bool:
    """A media type that no browser renders as HTML: a constant without "html", or a type the
    server puts together from a fixed major type other than text (`f"application/{fmt}+xml"`)
    with nothing from a request in it."""
    if v is None:
        return False
    if isinstance(v.const, str):
        return "html" not in v.const.lower()
    if v.choices:
        return all("html" not in c.lower() for c in v.choices)
    major = (v.prefix or "").lower()
    if "/" not in major or major.startswith("text/") or "html" in major or "html" in v.tail.lower():
        return False
    return not any(f.origin.kind == "source" for f in v.all_flows())


def _response_tuple(c: Call) -> Value | None:
    """The tuple of Flask's `make_response((body, status, headers))` / `((body, headers))`."""
    if c.name.rsplit(".", 1)[-1] != "make_response" or len(c.pos) != 1:
        return None
    t = c.pos[0]
    if t.shape != "tuple" or not t.fields or len(t.fields) not in (2, 3) or not int_keys(t.fields):
        return None
    return t


def _tuple_headers(c: Call) -> Value | None:
    """The headers of Flask's `make_response((body, status, headers))` / `((body, headers))`."""
    t = _response_tuple(c)
    return t.fields.get(len(t.fields) - 1) if t is not None else None


def _content_type_header(headers: Value | None) -> Value | None:
    """The Content-Type of a `headers={...}` argument built with constant keys."""
    if headers is None or not headers.fields:
        return None
    return next((v for k, v in headers.fields.items() if isinstance(k, str) and k.lower() == "content-type"), None)


def _not_from_the_document(values: list[tuple[Value, Node]], tree: Value) -> list[tuple[Value, Node]]:
    """`tree.xpath("//item[@id='" + tree_value + "']")`: text read from the document that is
    queried picks only other parts of that same document; its author gains nothing new."""
    own = {f.origin for f in tree.all_flows() if f.origin.kind != "unknown"}
    if not own:
        return values
    return [(Value(frozenset(f for f in v.all_flows() if f.origin not in own)), n) for v, n in values]


def _parameter_annotation(fn: Node, name: str) -> str:
    """The annotation of the function's parameter `name` ("" without one, or when the body
    assigns the name again, so that the annotation no longer says what it holds)."""
    plist = fn.child_by_field_name("parameters")
    ann = ""
    for p in plist.named_children if plist is not None else []:
        if p.type == "typed_parameter":
            pname = p.named_children[0] if p.named_children else None
        elif p.type == "typed_default_parameter":
            pname = p.child_by_field_name("name")
        else:
            continue
        if pname is not None and node_text(pname) == name:
            t = p.child_by_field_name("type")
            ann = node_text(t) if t is not None else ""
            break
    body = fn.child_by_field_name("body")
    if ann and body is not None and re.search(r"(?m)^\s*" + re.escape(name) + r"\s*(?::[^=\n]*)?=(?!=)",
                                              node_text(body)):
        return ""
    return ann
