"""The `ai` analyzer: rules for the attack surface that coding agents bring.

Rule matcher (YAML, `analyzer: ai`):

    detector: claude-bypass-permissions   # which built-in detector reports for this rule
    options: {instruction-files: [...]}   # detector options (optional)

Detectors (railguard/engine/ai/) read agent settings, MCP server definitions and
dependency files as data (a tolerant JSONC reader, tomllib), look for hidden Unicode in
any text file, and compare imports with the project's declared dependencies. The
project facts (declared dependencies, local module names) are collected once per scan
by `prepare` and reach every worker as `context.project["ai"]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.engine import guardrail
from railguard.engine.ai import agents, deps, imports, unicode
from railguard.engine.ai.common import CharToByte, Hit, redact
from railguard.engine.ai.jsonc import JsoncError, parse_jsonc
from railguard.engine.findings import make_finding
from railguard.engine.fixes import render_template
from railguard.engine.paths import PathFilter
from railguard.model import Confidence, Evidence, Finding, Fix, Notice, Rule, TextEdit
from railguard.rules.loader import RuleError

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document

INSTRUCTION_FILES = (
    ".cursorrules", ".cursor/rules/**", ".github/copilot-instructions.md", ".github/instructions/**",
    ".github/prompts/**", "CLAUDE.md", "CLAUDE.local.md", ".claude/commands/**", ".claude/agents/**",
    "AGENTS.md", "GEMINI.md", ".windsurfrules", ".windsurf/rules/**", ".clinerules", ".clinerules/**",
    ".roorules", ".roo/rules/**", "*.prompt.md", "*.instructions.md", "*.chatmode.md", ".aider.conf.yml",
    "CONVENTIONS.md",
)
MCP_FILES = (
    ".mcp.json", "mcp.json", "claude_desktop_config.json", ".claude.json", "mcp_config.json",
    "cline_mcp_settings.json", "mcp_settings.json", ".gemini/settings.json", ".vscode/settings.json",
    "*.code-workspace",
)
CLAUDE_SETTINGS = (".claude/settings.json", ".claude/settings.local.json", "managed-settings.json")
EDITOR_SETTINGS = (".vscode/settings.json", "*.code-workspace")
CODEX_CONFIG = (".codex/config.toml",)
RAILGUARD_CONFIG = ("pyproject.toml", ".railguard.toml")
TEST_LIKE = PathFilter.from_patterns([
    "tests/", "test/", "testing/", "docs/", "doc/", "examples/", "example/", "benchmarks/", "bench/",
    "scripts/", "tools/", "test_*.py", "*_test.py", "conftest.py", "noxfile.py", "setup.py", "*.test.*",
    "*.spec.*", "__tests__/",
])
# bundled third-party code brings its own imports
VENDORED = PathFilter.from_patterns([
    "vendor/", "vendors/", "vendored/", "_vendor/", "third_party/", "third-party/", "thirdparty/",
    "node_modules/", "bower_components/", "*.min.js", "*.bundle.js", "dist/", "site-packages/",
])
# natural-language catalogs: bidi controls and joiners are how their scripts are written
LOCALIZATION = PathFilter.from_patterns([
    "*.po", "*.pot", "*.xlf", "*.xliff", "*.strings", "*.stringsdict", "*.resx", "*.arb", "*.ts.xml",
    "locale/**/*.json", "locales/**/*.json", "i18n/**/*.json", "lang/**/*.json", "translations/**",
])
MAX_HITS_PER_RULE = 200
# languages whose regular expressions and strings can hold invisible characters as data
CODE_LANGUAGES = frozenset({"python", "javascript", "typescript", "tsx", "java", "go"})
_URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s\"']+@", re.IGNORECASE)


@dataclass(frozen=True)
class Family:
    """A detector that reports several kinds of hit, run at most once per document."""

    kinds: tuple[str, ...]
    paths: PathFilter | None  # None: decided by `applies`
    applies: Callable[[Document], bool] | None = None


def _any_text(doc: Document) -> bool:
    return True


def _code(doc: Document) -> bool:
    return doc.has_tree


def _importing(doc: Document) -> bool:
    return doc.language in ("python", "javascript", "typescript", "tsx")


def _dependency_file(doc: Document) -> bool:
    return deps.is_dependency_file(doc.path)


PACKAGE_SOURCE_FILES = PathFilter.from_patterns([
    "pip.conf", "pip.ini", "tox.ini", "Pipfile", ".gitlab-ci.yml", ".github/workflows/*", "*.in",
    "azure-pipelines.yml", ".circleci/config.yml", "Jenkinsfile", "bitbucket-pipelines.yml",
])


def _package_source_file(doc: Document) -> bool:
    return (deps.is_dependency_file(doc.path) or doc.language in ("shell", "dockerfile", "makefile")
            or PACKAGE_SOURCE_FILES.matches(doc.path))


FAMILIES: dict[str, Family] = {
    "hidden-unicode": Family(("instruction-file", "tag", "bidi", "invisible"), None, _any_text),
    "confusables": Family(("confusable-identifier",), None, _code),
    "claude-settings": Family(("claude-bypass-permissions", "claude-broad-allow", "claude-auto-approve-mcp"),
                              PathFilter.from_patterns(CLAUDE_SETTINGS)),
    "editor-settings": Family(("editor-auto-approve",), PathFilter.from_patterns(EDITOR_SETTINGS)),
    "codex-config": Family(("codex-full-access",), PathFilter.from_patterns(CODEX_CONFIG)),
    "mcp": Family(("mcp-plaintext-secret", "mcp-unpinned-package", "mcp-plain-http", "mcp-broad-filesystem"),
                  PathFilter.from_patterns(MCP_FILES)),
    "railguard-config": Family((guardrail.DETECTOR,), PathFilter.from_patterns(RAILGUARD_CONFIG)),
    "imports": Family(("undeclared-import",), None, _importing),
    "dependency-files": Family(("possible-typosquat",), None, _dependency_file),
    "package-sources": Family(("extra-index-url", "unpinned-vcs"), None, _package_source_file),
}
KIND_TO_FAMILY = {kind: name for name, fam in FAMILIES.items() for kind in fam.kinds}


@dataclass(frozen=True)
class AiRule:
    rule: Rule
    kind: str
    options: dict[str, Any]
    paths: PathFilter | None


def compile_ai_rule(rule: Rule) -> AiRule:
    kind = rule.matcher.get("detector")
    if not isinstance(kind, str) or kind not in KIND_TO_FAMILY:
        known = ", ".join(sorted(KIND_TO_FAMILY))
        raise RuleError(rule.source, rule.id, "detector", f"unknown detector {kind!r} (known: {known})")
    options = rule.matcher.get("options") or {}
    if not isinstance(options, dict):
        raise RuleError(rule.source, rule.id, "options", "must be a mapping")
    return AiRule(rule, kind, options, PathFilter.from_patterns(rule.paths) if rule.paths else None)


class AiAnalyzer:
    name = "ai"

    def __init__(self, rules: list[Rule], config: Config) -> None:
        self.config = config
        self.errors: list[RuleError] = []
        self.by_kind: dict[str, list[AiRule]] = {}
        for rule in rules:
            try:
                ar = compile_ai_rule(rule)
            except RuleError as exc:
                self.errors.append(exc)
                continue
            self.by_kind.setdefault(ar.kind, []).append(ar)
        self.families = [name for name, fam in FAMILIES.items() if any(k in self.by_kind for k in fam.kinds)]
        patterns = INSTRUCTION_FILES
        for ar in self.by_kind.get("instruction-file", []):
            extra = ar.options.get("instruction-files")
            if isinstance(extra, list) and all(isinstance(p, str) for p in extra):
                patterns = tuple(extra)
        self.instruction_files = PathFilter.from_patterns(patterns)
        self._reported_errors = False
        self._walk_cache: dict[str, dict] = {}

    # ------------------------------------------------------------ engine protocol

    def _family_applies(self, name: str, document: Document) -> bool:
        fam = FAMILIES[name]
        if fam.paths is not None:
            return fam.paths.matches(document.path)
        return fam.applies(document) if fam.applies else False

    def applies_to(self, document: Document) -> bool:
        if self.errors and not self._reported_errors:
            return True
        return any(self._family_applies(name, document) for name in self.families)

    def prepare(self, files: list[tuple[Path, str]], config: Config) -> dict:
        """Declared dependencies and local module names, once per scan (JSON-serialisable)."""
        if "undeclared-import" not in self.by_kind:
            return {}
        return deps.project_facts(files)

    def scan(self, document: Document, context: ScanContext) -> Iterable[Finding]:
        if not self._reported_errors and self.errors:
            self._reported_errors = True
            context.notices.extend(Notice(e.source, str(e).split(": ", 1)[-1], "error") for e in self.errors)
        findings: list[Finding] = []
        to_byte = CharToByte(document.text)
        for name in self.families:
            if not self._family_applies(name, document):
                continue
            counts: dict[str, int] = {}
            for hit in self._run_family(name, document, context):
                for ar in self.by_kind.get(hit.kind, ()):
                    if ar.paths is not None and not ar.paths.matches(document.path):
                        continue
                    counts[ar.rule.id] = counts.get(ar.rule.id, 0) + 1
                    if counts[ar.rule.id] > MAX_HITS_PER_RULE:
                        continue
                    findings.append(self._finding(ar.rule, document, hit, to_byte))
        return findings

    # ------------------------------------------------------------ families

    def _run_family(self, name: str, doc: Document, context: ScanContext) -> Iterator[Hit]:
        if name == "hidden-unicode":
            instruction = self.instruction_files.matches(doc.path) and "instruction-file" in self.by_kind
            natural = not instruction and LOCALIZATION.matches(doc.path)
            keep = None
            if not instruction and not doc.text.isascii() and doc.language in CODE_LANGUAGES and doc.has_tree:
                to_byte = CharToByte(doc.text)
                root = doc.tree.root_node
                keep = lambda start: not unicode.in_data_literal(doc.data, root, to_byte(start))  # noqa: E731
            yield from unicode.hidden_unicode_hits(doc.text, instruction, natural_language=natural, keep=keep)
        elif name == "confusables":
            yield from self._confusables(doc)
        elif name in ("claude-settings", "editor-settings", "mcp"):
            root = self._json(doc, context)
            if root is None or not root.is_object:
                return
            if name == "claude-settings":
                yield from agents.claude_settings_hits(root)
            elif name == "editor-settings":
                yield from agents.vscode_settings_hits(root)
            else:
                yield from agents.mcp_hits(root)
        elif name == "codex-config":
            data = _toml(doc.text)
            if data is not None:
                yield from agents.codex_config_hits(doc.text, data)
        elif name == "railguard-config":
            if "railguard" in doc.text or doc.path.endswith(".railguard.toml"):
                yield from guardrail.weakening_hits(doc.path, doc.text)
        elif name == "imports":
            yield from self._undeclared(doc, context)
        elif name == "dependency-files":
            yield from deps.typosquat_hits(doc.path, doc.text)
        elif name == "package-sources":
            yield from deps.package_source_hits(doc.path, doc.text)

    def _json(self, doc: Document, context: ScanContext):
        try:
            return parse_jsonc(doc.text)
        except JsoncError as exc:
            pos = doc.position_at(CharToByte(doc.text)(exc.offset))
            context.notices.append(Notice(doc.path, f"ai analyzer: cannot read as JSON: {exc} at line "
                                          f"{pos.line + 1}, column {pos.column + 1}", "warning"))
            return None

    def _confusables(self, doc: Document) -> Iterator[Hit]:
        candidates = list(unicode.identifier_candidates(doc.text))
        if not candidates:
            return
        to_byte = CharToByte(doc.text)
        root = doc.tree.root_node
        for start, end, word in candidates:
            found = unicode.confusable_identifier(word)
            if not found:
                continue
            b = to_byte(start)
            node = root.descendant_for_byte_range(b, to_byte(end))
            if node is None or "identifier" not in node.type:
                continue
            script, skeleton = found
            yield Hit("confusable-identifier", start, end, {"name": word, "script": script, "latin": skeleton},
                      replacement=skeleton, fix_description=f"Spell it in Latin letters: {skeleton}", fix_safe=False)

    def _facts(self, doc: Document, context: ScanContext) -> dict:
        facts = context.project.get("ai")
        if facts:
            return facts
        real = Path(context.root) / doc.path
        folder = str(real.parent)
        cached = self._walk_cache.get(folder)
        if cached is None or not deps.sources_unchanged(cached):
            cached = deps.facts_by_walking_up([real])
            self._walk_cache[folder] = cached
        return cached

    def _undeclared(self, doc: Document, context: ScanContext) -> Iterator[Hit]:
        if VENDORED.matches(doc.path):
            return
        facts = self._facts(doc, context)
        low = Confidence.LOW if TEST_LIKE.matches(doc.path) else None
        seen: set[str] = set()
        to_char = _ByteToChar(doc)
        if doc.language == "python":
            declared = deps.declared_for(doc.path, facts, "pypi")
            if declared is None:
                return  # no manifest owns this file: nothing to compare with
            owned = {"pypi": declared, "local": facts.get("local", ())}
            for module, node, conditional in imports.python_imports(doc):
                top = module.split(".", 1)[0]
                if top in seen or deps.python_import_declared(module, owned):
                    continue
                seen.add(top)
                known = deps.well_known(deps.python_candidates(module), "pypi")
                yield Hit("undeclared-import", to_char(node.start_byte), to_char(node.end_byte),
                          {"module": top, "files": "pyproject.toml, requirements*.txt, setup.cfg"},
                          confidence=Confidence.LOW if conditional or known else low)
        else:
            declared = deps.declared_for(doc.path, facts, "npm")
            if declared is None:
                return
            owned = {"npm": declared, "local": facts.get("local", ())}
            for spec, node in imports.js_imports(doc):
                package = deps.npm_package_of(spec)
                if package is None or package in seen or deps.npm_import_declared(package, owned):
                    continue
                seen.add(package)
                known = deps.well_known((package,), "npm")
                yield Hit("undeclared-import", to_char(node.start_byte), to_char(node.end_byte),
                          {"module": package, "files": "package.json"},
                          confidence=Confidence.LOW if known else low)

    # ------------------------------------------------------------ findings

    def _finding(self, rule: Rule, doc: Document, hit: Hit, to_byte: CharToByte) -> Finding:
        bstart, bend = to_byte(hit.start), to_byte(hit.end)
        message = render_template(rule.message, hit.captures)
        fix = None
        if hit.replacement is not None and rule.fix is not False:
            fix = Fix(hit.fix_description or "Apply the suggested fix",
                      (TextEdit(doc.range_of(bstart, bend), hit.replacement),), hit.fix_safe)
        finding = make_finding(rule, doc, bstart, bend, fix=fix, message=message)
        changes: dict[str, Any] = {}
        if hit.secret is not None:
            changes["evidence"] = redact(hit.secret)
        elif finding.evidence is not None and _URL_CREDENTIALS.search(finding.evidence.snippet):
            masked = _URL_CREDENTIALS.sub(r"\g<scheme>***@", finding.evidence.snippet)
            changes["evidence"] = Evidence(snippet=masked, redacted=True)
        if hit.severity is not None:
            changes["severity"] = hit.severity
        if hit.confidence is not None:
            changes["confidence"] = hit.confidence
        return finding.with_changes(**changes) if changes else finding


class _ByteToChar:
    def __init__(self, doc: Document) -> None:
        self.data = doc.data
        self.ascii = doc.text.isascii()

    def __call__(self, offset: int) -> int:
        if self.ascii:
            return offset
        return len(self.data[:offset].decode("utf-8", "surrogateescape"))


def _toml(text: str) -> dict | None:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None


ANALYZER = AiAnalyzer
