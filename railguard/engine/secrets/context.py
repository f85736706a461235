"""Where a generic secret sits: a usage example in documentation is not a leaked credential.

Generic detectors (a password next to a password-like name, a value in an `Authorization`
header, a password inside a URL) have no checksum or fixed prefix to tell a real credential
from an illustration. Documentation shows how to call an API with a made-up key against
`localhost`, and example configuration files carry values meant to be replaced. Such hits
are kept, at low confidence (below the default commit and CI thresholds); provider formats
(fixed prefixes, checksums) are never lowered here.
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern

if TYPE_CHECKING:
    from tree_sitter import Node

    from railguard.engine.document import Document
    from railguard.model import Rule

GENERIC_DETECTORS = frozenset({"generic", "password", "authorization-header"})
GENERIC_VALIDATORS = frozenset({"url-password"})
GENERIC_PLUGINS = frozenset({"BasicAuthDetector"})
# hosts that documentation uses because they reach nothing real
_PLACEHOLDER_HOST = LazyPattern(
    r"(?<![\w.-])(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|(?:[\w-]+\.)*example\.(?:com|org|net)"
    r"|[\w-]+\.example|[\w.-]*(?:your|my)[-_](?:domain|host|server)[\w.-]*|host(?:name)?\.tld"
    r"|(?:[\w-]+\.)*(?:evil|attacker)\.(?:com|org|net)"
    # a word standing for a host in a format description: user:pass@hostname:port/path
    r"|(?:host|hostname|server|servername|myhost|yourhost)(?=:(?:port\b|\d)|/|$))(?![\w-])",
    re.IGNORECASE,
)
_USAGE = LazyPattern(r"(?:^|[\s>$#*`\"'])(?:curl|wget|http|httpie)\s+-|@apiExample|>>>\s|\$ ", re.IGNORECASE)
# an HTTP exchange shown to readers of an API's docs: a request or status line, a reST `http` code
# block (sphinxcontrib-httpdomain), apiDoc example tags, "Example request" / "Example response"
_HTTP_EXAMPLE = LazyPattern(
    r"^[\s*#/]*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+/\S*\s+HTTP/\d|^[\s*#/]*HTTP/\d(?:\.\d)?\s+\d{3}\b"
    r"|(?:sourcecode|code-block|code)::\s*http\b|@api(?:Success|Error|Param|Header)Example\b"
    r"|\bexample (?:of (?:a |the )?)?(?:http )?(?:request|response)s?\b"
    # a format described to readers: "The format is:", "URL format:"
    r"|\b(?:the )?(?:url |uri )?format (?:is|looks like)\b|\b(?:url|uri) format:"
    # an example introduced to readers: "use something like:", "for example:"
    r"|\b(?:something like|for example|for instance|such as|e\.g\.)[ \t]*:|\b(?:e\.g\.|for example|for instance),"
    # a docstring's example section (Google and NumPy style: `Example:`, `Examples`), a code fence
    r"|^[ \t]*(?:Examples?|Example usage|Usage)[ \t]*:?[ \t]*$|^[ \t]*```[ \t]*\w*[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_EXAMPLE_FILE = LazyPattern(
    r"(?:^|[/._-])(?:example|examples|sample|samples)(?:[/._-]|$)|[._-](?:dist|template|tmpl)$"
    # a configuration file of a project template or scaffold that a generator copies for the user
    # to fill in (`templates/repo/io_config.yaml`, `scaffold/settings.toml`)
    r"|(?:^|/)(?:templates?|scaffolds?|skeletons?)/(?:[^/]+/)*[^/]+\.(?:ya?ml|json|toml|ini|cfg|conf|env)$",
    re.IGNORECASE,
)
_URL_HOST_AFTER = LazyPattern(r"@")
# names that mark illustrative data: a sample for a preview, a demo, a fake, a mock, a placeholder
_SAMPLE_NAME = LazyPattern(r"(?i)sample|example|dummy|fake|mock|preview|placeholder|demo")
# syntax nodes whose name says what a value is for (a function, a call, a keyword, an assignment)
_NAMED = {"function_definition": "name", "call": "function", "keyword_argument": "name", "assignment": "left",
          "function_declaration": "name", "method_definition": "name", "call_expression": "function",
          "variable_declarator": "name", "pair": "key"}
_MAX_DOC_BLOCK = 4000
DOC_LANGUAGES = frozenset({"markdown", "restructuredtext", "rst", "asciidoc"})
# documentation markup: Markdown, reST, AsciiDoc, notebooks, and wiki pages (TiddlyWiki tiddlers,
# MediaWiki, Textile, Creole, Org, RDoc, POD) whose passwords show readers what to type
_DOC_SUFFIXES = (".md", ".markdown", ".rst", ".adoc", ".asciidoc", ".ipynb", ".tid", ".wiki", ".wikitext",
                 ".mediawiki", ".textile", ".creole", ".org", ".rdoc", ".pod")


def _hit_node(document: Document, line: int, column: int) -> Node | None:
    if not document.has_tree:
        return None
    try:
        offset = document.offset_at(line, column)
        return document.tree.root_node.descendant_for_byte_range(offset, offset)
    except (ValueError, IndexError):
        return None


def in_sample_data(document: Document, line: int, column: int) -> bool:
    """The value sits inside code whose names say it is illustrative: a function, a call, a
    keyword or a variable named sample/example/dummy/fake/mock/preview/placeholder/demo
    (`render_sample()`, `SamplePlaceholder(...)`, `preview_data = {...}`); the pair key or
    assignment that holds the value itself does not count (`sample_password = "..."` names a
    password). In a JSON or YAML document, an enclosing object named so: the `example` /
    `examples` of an OpenAPI or JSON Schema document."""
    if not document.has_tree:
        return any(_SAMPLE_NAME.search(key) for key in enclosing_keys(document, line, column))
    node = _hit_node(document, line, column)
    child = node
    while node is not None:
        field = _NAMED.get(node.type)
        if field is not None:
            named = node.child_by_field_name(field)
            if named is not None and named is not child and not _holds_directly(node, child):
                if _SAMPLE_NAME.search(document.node_text(named)):
                    return True
        child, node = node, node.parent
    return False


def enum_member(document: Document, line: int, column: int) -> bool:
    """The value is a member of an enumeration (`class AuthMethods(StrEnum): SECRET_KEY =
    "secret-key"`): a label the code compares against, not a credential."""
    if not document.has_tree or document.language != "python":
        return False
    node = _hit_node(document, line, column)
    while node is not None and node.type not in ("class_definition", "function_definition"):
        node = node.parent
    if node is None or node.type != "class_definition":
        return False
    bases = node.child_by_field_name("superclasses")
    return bases is not None and bool(_ENUM_BASES.search(document.node_text(bases)))


_ENUM_BASES = LazyPattern(r"\b(Enum|StrEnum|IntEnum|Flag|IntFlag|TextChoices|IntegerChoices|Choices)\b")
_JSON_TOKEN = LazyPattern(rb'"(?:[^"\\\n]|\\.)*"\s*:?|[{}\[\]]')
_YAML_KEY = LazyPattern(r"^[ \t]*(?:-[ \t]+)?[\"']?([\w$.-]+)[\"']?[ \t]*:(?:[ \t]|$)")
_MAX_STRUCTURE = 1 << 20  # bytes of a data file read before a hit, lines of YAML walked back
_MAX_YAML_LINES = 2000


def enclosing_keys(document: Document, line: int, column: int) -> list[str]:
    """The keys of the objects that hold a position of a JSON (by its brackets) or YAML (by its
    indentation) document, outermost first; the key of the value itself is not among them."""
    path = document.path.lower()
    if path.endswith((".yaml", ".yml")):
        return _yaml_keys(document, line)
    if not path.endswith((".json", ".jsonc", ".json5")) and document.language != "json":
        return []
    offset = document.offset_at(line, column)
    if offset > _MAX_STRUCTURE:
        return []
    walker = _JSON_WALKERS.get(document)
    if walker is None or walker.offset > offset:  # hits come in order: one walk per document
        walker = _JSON_WALKERS[document] = _JsonWalker(document.data)
    return walker.keys_at(offset)


class _JsonWalker:
    """The open objects and arrays of a JSON text, read forward up to a position."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offset = 0
        self.stack: list[str] = []
        self.key = ""

    def keys_at(self, offset: int) -> list[str]:
        for m in _JSON_TOKEN.finditer(self.data, self.offset, offset):
            token = m.group()
            if token in (b"{", b"["):
                self.stack.append(self.key)
                self.key = ""
            elif token in (b"}", b"]"):
                if self.stack:
                    self.stack.pop()
                self.key = ""
            elif token.endswith(b":"):
                self.key = token.rstrip(b": \t\r\n")[1:-1].decode("utf-8", "replace")
            self.offset = m.end()
        return [k for k in self.stack if k]


_JSON_WALKERS: weakref.WeakKeyDictionary[Document, _JsonWalker] = weakref.WeakKeyDictionary()


def _yaml_keys(document: Document, line: int) -> list[str]:
    text = document.line_text(line)
    indent = len(text) - len(text.lstrip())
    keys: list[str] = []
    for n in range(line - 1, max(-1, line - _MAX_YAML_LINES), -1):
        above = document.line_text(n)
        stripped = above.lstrip()
        if not stripped or stripped.startswith("#") or len(above) - len(stripped) >= indent:
            continue
        indent = len(above) - len(stripped)
        m = _YAML_KEY.match(above)
        if m:
            keys.append(m.group(1))
        if indent == 0:
            break
    return keys[::-1]


def _holds_directly(node: Node, child: Node | None) -> bool:
    """`key: value` / `name = value`: the name describes the value itself, not its context."""
    return node.type in ("pair", "assignment", "keyword_argument", "variable_declarator") and child is not None \
        and child.type in ("string", "string_content", "template_string", "string_fragment")


def is_generic(rule: Rule) -> bool:
    """A rule without a provider format: its hits carry no checksum or fixed prefix."""
    matcher = rule.matcher
    return (matcher.get("detector") in GENERIC_DETECTORS or matcher.get("validate") in GENERIC_VALIDATORS
            or matcher.get("plugin") in GENERIC_PLUGINS)


def is_example_file(path: str) -> bool:
    """`settings.example.py`, `config.sample.yaml`, `.env.dist`, `proxies.json-example`, `examples/`,
    `templates/repo/io_config.yaml`."""
    return bool(_EXAMPLE_FILE.search(path.replace("\\", "/").lower()))


def in_documentation(document: Document, line: int, column: int) -> bool:
    """A documentation file, or a comment or docstring of code."""
    if is_documentation_file(document):
        return True
    if not document.has_tree:
        return False
    try:
        offset = document.offset_at(line, column)
        node = document.tree.root_node.descendant_for_byte_range(offset, offset)
    except (ValueError, IndexError):
        return False
    while node is not None:
        if "comment" in node.type:
            return True
        if node.type == "string":
            parent = node.parent
            # a string that is a statement of its own: a docstring (Python) or a bare literal
            return parent is not None and parent.type == "expression_statement" and parent.named_child_count == 1
        node = node.parent
    return False


# a package's metadata file carries its README as the long description
_METADATA_FILE = LazyPattern(r"(?:^|/)(?:PKG-INFO|[^/]+\.(?:dist|egg)-info/METADATA)$")


def is_documentation_file(document: Document) -> bool:
    path = document.path.lower()
    return (document.language in DOC_LANGUAGES or path.endswith(_DOC_SUFFIXES)
            or bool(_METADATA_FILE.search(document.path)))


# keys whose value is prose for readers in a JSON or YAML document (a settings schema's help text)
_DOC_KEYS = frozenset({"description", "details", "help", "help_text", "helptext", "summary", "notes", "doc", "docs",
                       "documentation", "usage", "comment", "comments", "long_description",
                       # the sample value a schema shows for a setting (`example: "postgresql://..."`)
                       "example", "examples"})


_OWN_EXAMPLE_KEY = LazyPattern(r"""^\s*(?:-\s*)?["']?(?:example|examples|x-example)["']?\s*:""", re.IGNORECASE)


def usage_example(document: Document, line: int, column: int, end: int = -1) -> bool:
    """A generic hit that illustrates usage rather than configures anything: an example file, a
    documentation file, a password for a service on a loopback or placeholder host
    (`postgres://app:pw@localhost/db`), a comment or docstring whose line calls a placeholder
    host or shows a command (`curl -H ...`), or one that shows an HTTP request or response of an
    API (`POST /api/token HTTP/1.1`, `HTTP/1.1 200 OK`, `.. sourcecode:: http`)."""
    if is_example_file(document.path) or is_documentation_file(document):
        return True
    if any(key.lower() in _DOC_KEYS for key in enclosing_keys(document, line, column)):
        return True  # the help text of a setting in a JSON or YAML schema (`details: |` with a Markdown sample)
    text = document.line_text(line)
    if _OWN_EXAMPLE_KEY.match(text) and document.path.lower().endswith((".yaml", ".yml", ".json", ".jsonc")):
        return True  # the sample a schema shows for a setting: `example: "postgresql://user:pw@db/app"`
    if end >= 0 and _URL_HOST_AFTER.match(text, end) and _PLACEHOLDER_HOST.match(text, end + 1):
        return True
    if _PLACEHOLDER_HOST.search(text) or _USAGE.search(text):
        return in_documentation(document, line, column)
    block = _documentation_block(document, line, column)
    return block is not None and bool(_PLACEHOLDER_HOST.search(block) or _HTTP_EXAMPLE.search(block))


def _documentation_block(document: Document, line: int, column: int) -> str | None:
    """The text of the docstring, or of the run of comment lines, that holds this position
    (None outside documentation; a block longer than a few KB is not read)."""
    node = _hit_node(document, line, column)
    while node is not None:
        if "comment" in node.type:
            first = last = line
            while first > 0 and document.line_text(first - 1).lstrip().startswith(("#", "//")):
                first -= 1
            while last + 1 < len(document.line_starts) and document.line_text(last + 1).lstrip().startswith(("#", "//")):
                last += 1
            block = "\n".join(document.line_text(i) for i in range(first, last + 1))
            return block if len(block) <= _MAX_DOC_BLOCK else None
        if node.type == "string":
            parent = node.parent
            text = document.node_text(node)
            if len(text) > _MAX_DOC_BLOCK:
                return None
            if parent is not None and parent.type == "expression_statement" and parent.named_child_count == 1:
                return text
            return text if prose_literal(text) else None
        node = node.parent
    return None


# a line of words (`To use a remote MySQL database instead, use`), not code or configuration
_PROSE_LINE = LazyPattern(r"^[ \t]*[A-Za-z][\w'-]*(?:[ \t]+[A-Za-z][\w'(),.-]*){3}")
_MIN_PROSE_LINES = 3


def prose_literal(text: str) -> bool:
    """A string literal that is documentation: the help or usage text given to an option parser
    or a command, several lines of words in a triple-quoted literal."""
    body = text.lstrip("bBrRuUfF")
    if not body.startswith(('"""', "'''")):
        return False
    lines = body.splitlines()
    return sum(1 for ln in lines if _PROSE_LINE.match(ln)) >= min(_MIN_PROSE_LINES, len(lines) // 2 + 1) > 1
