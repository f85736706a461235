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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from railguard.engine.document import Document
    from railguard.model import Rule

GENERIC_DETECTORS = frozenset({"generic", "password", "authorization-header"})
GENERIC_VALIDATORS = frozenset({"url-password"})
GENERIC_PLUGINS = frozenset({"BasicAuthDetector"})
# hosts that documentation uses because they reach nothing real
_PLACEHOLDER_HOST = re.compile(
    r"(?<![\w.-])(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|(?:[\w-]+\.)*example\.(?:com|org|net)"
    r"|[\w-]+\.example|[\w.-]*your[-_](?:domain|host|server)[\w.-]*|host(?:name)?\.tld)(?![\w-])",
    re.IGNORECASE,
)
_USAGE = re.compile(r"(?:^|[\s>$#*`\"'])(?:curl|wget|http|httpie)\s+-|@apiExample|>>>\s|\$ ", re.IGNORECASE)
_EXAMPLE_FILE = re.compile(
    r"(?:^|[/._-])(?:example|examples|sample|samples)(?:[/._-]|$)|[._-](?:dist|template|tmpl)$", re.IGNORECASE
)
_URL_HOST_AFTER = re.compile(r"@")
DOC_LANGUAGES = frozenset({"markdown", "restructuredtext", "rst", "asciidoc"})
_DOC_SUFFIXES = (".md", ".markdown", ".rst", ".adoc", ".ipynb")


def is_generic(rule: Rule) -> bool:
    """A rule without a provider format: its hits carry no checksum or fixed prefix."""
    matcher = rule.matcher
    return (matcher.get("detector") in GENERIC_DETECTORS or matcher.get("validate") in GENERIC_VALIDATORS
            or matcher.get("plugin") in GENERIC_PLUGINS)


def is_example_file(path: str) -> bool:
    """`settings.example.py`, `config.sample.yaml`, `.env.dist`, `proxies.json-example`, `examples/`."""
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


def is_documentation_file(document: Document) -> bool:
    path = document.path.lower()
    return document.language in DOC_LANGUAGES or path.endswith(_DOC_SUFFIXES)


def usage_example(document: Document, line: int, column: int, end: int = -1) -> bool:
    """A generic hit that illustrates usage rather than configures anything: an example file, a
    documentation file, a password for a service on a loopback or placeholder host
    (`postgres://app:pw@localhost/db`), or a comment or docstring whose line calls a placeholder
    host or shows a command (`curl -H ...`)."""
    if is_example_file(document.path) or is_documentation_file(document):
        return True
    text = document.line_text(line)
    if end >= 0 and _URL_HOST_AFTER.match(text, end) and _PLACEHOLDER_HOST.match(text, end + 1):
        return True
    if not (_PLACEHOLDER_HOST.search(text) or _USAGE.search(text)):
        return False
    return in_documentation(document, line, column)
