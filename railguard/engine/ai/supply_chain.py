"""Supply chain: imports of packages the project does not declare (what an agent invents or
forgets), dependency names one edit away from a popular package, extra package indexes and
unpinned VCS requirements.

The project facts (declared dependencies, local module names) are collected once per scan by
`prepare` and reach every worker as `context.project["ai"]`; a single-file scan walks up from
the file to its manifests instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from railguard.engine.ai import deps, imports, jsonc, lookalike, manifests, package_sources
from railguard.engine.ai.common import Family, Hit
from railguard.engine.paths import PathFilter
from railguard.engine.policy import TEST_PATTERNS
from railguard.model import Confidence

if TYPE_CHECKING:
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document

TEST_LIKE = PathFilter.from_patterns([
    *TEST_PATTERNS, "docs/", "doc/", "examples/", "example/", "benchmarks/", "bench/",
    "scripts/", "tools/", "noxfile.py", "setup.py", "*.test.*", "*.spec.*",
    # build, lint and test-runner configuration: development tools, installed by the developer
    "*.config.js", "*.config.cjs", "*.config.mjs", "*.config.ts", "gulpfile.*", "Gruntfile.*", "karma.conf.*",
    ".eslintrc.*", "fabfile.py",
])
# bundled third-party code brings its own imports
VENDORED = PathFilter.from_patterns([
    "vendor/", "vendors/", "vendored/", "_vendor/", "third_party/", "third-party/", "thirdparty/",
    "node_modules/", "bower_components/", "*.min.js", "*.bundle.js", "dist/", "site-packages/",
])
# manifests of development and test environments only (what users install never reads them): a
# branch followed there is the project testing against its upstream's head, reported low
DEV_MANIFESTS = PathFilter.from_patterns([
    "tox.ini", "noxfile.py", "requirements-dev*.txt", "requirements_dev*.txt", "dev-requirements*.txt",
    "dev_requirements*.txt", "requirements-test*.txt", "requirements_test*.txt", "test-requirements*.txt",
    "test_requirements*.txt", "requirements/dev*.txt", "requirements/test*.txt", "requirements-docs*.txt",
    "docs/requirements*.txt",
])
PACKAGE_SOURCE_FILES = PathFilter.from_patterns([
    "pip.conf", "pip.ini", "tox.ini", "Pipfile", ".gitlab-ci.yml", ".github/workflows/*", "*.in",
    "azure-pipelines.yml", ".circleci/config.yml", "Jenkinsfile", "bitbucket-pipelines.yml",
])


def adapter_for(path: str, module: str) -> bool:
    """The file is the project's adapter for that package: a module or folder named after it
    (`backends/back_mysql.py` importing MySQLdb, `indexer_whoosh.py` importing whoosh,
    `auth/basic_ldap.py` importing ldap). Such modules are optional integrations, imported only
    when the user configures them, and the package is often left out of the dependencies on purpose."""
    name = re.sub(r"[^a-z0-9]", "", module.lower())
    parts = path.replace("\\", "/").lower().split("/")
    words = {w for part in parts[-2:] for w in re.split(r"[^a-z0-9]+", part.rsplit(".", 1)[0]) if len(w) >= 4}
    bare = name.removeprefix("python").removeprefix("py")  # pycouchdb in exports/couchdb/
    if any(name == w or bare == w or (name.startswith(w) and len(name) - len(w) <= 3) for w in words):
        return True
    # a folder named after the framework plugin that provides it (`contrib/django_cms/` imports cms)
    for part in parts[-3:-1]:
        host, _, rest = part.partition("_") if "_" in part else part.partition("-")
        if host in deps.PLUGIN_HOSTS and re.sub(r"[^a-z0-9]", "", rest) == name:
            return True
    return False


# an integration's own requirement list, at the top of its package or as a class attribute
_OWN_REQUIREMENTS = re.compile(rb"(?m)^[ \t]*REQUIREMENTS[ \t]*(?::[^=\n]*)?=[ \t]*\[")


def _importing(doc: Document) -> bool:
    return doc.language in ("python", "javascript", "typescript", "tsx")


def _dependency_file(doc: Document) -> bool:
    return manifests.is_dependency_file(doc.path)


def _package_source_file(doc: Document) -> bool:
    return (manifests.is_dependency_file(doc.path) or doc.language in ("shell", "dockerfile", "makefile")
            or PACKAGE_SOURCE_FILES.matches(doc.path))


class SupplyChain:
    families: Mapping[str, Family] = {
        "imports": Family(("undeclared-import",), None, _importing),
        "dependency-files": Family(("possible-typosquat",), None, _dependency_file),
        "package-sources": Family(("extra-index-url", "unpinned-vcs"), None, _package_source_file),
    }

    def __init__(self) -> None:
        self._walk_cache: dict[str, dict] = {}
        self._integration_cache: dict[str, bool] = {}  # an __init__.py -> it lists REQUIREMENTS
        self._folder_loader: dict[str, bool] = {}
        self._vendored: dict[str, bool] = {}
        self._aliases: dict[str, tuple[str, ...]] = {}

    def prepare(self, files: list[tuple[Path, str]], read: deps.Reader | None = None) -> dict:
        """Declared dependencies and local module names, once per scan (JSON-serialisable)."""
        return deps.project_facts(files, read)

    def hits(self, family: str, doc: Document, context: ScanContext) -> Iterator[Hit]:
        if family == "imports":
            yield from self._undeclared(doc, context)
        elif family == "dependency-files":
            yield from lookalike.typosquat_hits(doc.path, doc.text)
        elif family == "package-sources":
            dev = DEV_MANIFESTS.matches(doc.path)
            for hit in package_sources.package_source_hits(doc.path, doc.text):
                yield replace(hit, confidence=Confidence.LOW) if dev and hit.kind == "unpinned-vcs" else hit

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

    def _integration_package(self, root: str, path: str) -> bool:
        """The file belongs to an integration package that lists its own requirements
        (`REQUIREMENTS = ["skypilot[aws]>=0.6"]` in its `__init__.py`), which the project installs
        when the integration is switched on (`zenml integration install skypilot`)."""
        parts = path.replace("\\", "/").split("/")[:-1]
        for depth in range(len(parts), max(len(parts) - 3, 0), -1):
            init = Path(root, *parts[:depth], "__init__.py")
            key = str(init)
            found = self._integration_cache.get(key)
            if found is None:
                try:
                    if init.is_symlink():
                        raise OSError("a link: the repository's own files only")
                    with init.open("rb") as fh:
                        head = fh.read(65536)
                except OSError:
                    head = b""
                found = self._integration_cache[key] = bool(_OWN_REQUIREMENTS.search(head))
            if found:
                return True
        return False

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
            if _in_declared_package(doc.path, declared):
                return  # a copy of a dependency shipped inside the project: its imports are its own
            owned = {"pypi": declared, "local": facts.get("local", ())}
            marker = _MODULE_UNRESOLVED.search(doc.data)
            told_from = marker.start() if marker else len(doc.data)
            for module, node, conditional in imports.python_imports(doc):
                top = module.split(".", 1)[0]
                if top in seen or deps.python_import_declared(module, owned):
                    continue
                if self._vendored_copy(context.root, doc.path, top):
                    seen.add(top)
                    continue
                seen.add(top)
                optional = (conditional or adapter_for(doc.path, top) or top in deps.hosted()
                            or deps.established(module, "pypi") or _known_unresolved(doc, node)
                            or node.start_byte > told_from
                            or deps.companion_of_declared(module, declared)
                            or self._integration_package(context.root, doc.path))
                yield Hit("undeclared-import", to_char(node.start_byte), to_char(node.end_byte),
                          {"module": top, "files": "pyproject.toml, requirements*.txt, setup.cfg"},
                          confidence=Confidence.LOW if optional else low)
        else:
            declared = deps.declared_for(doc.path, facts, "npm")
            if declared is None:
                return
            owned = {"npm": declared, "local": facts.get("local", ())}
            found = list(imports.js_imports(doc))
            # a bare name that only a project file answers (`require('amt-mei')` for
            # modules/amt-mei.js): the file runs under a loader that resolves names itself (an
            # embedded runtime, NODE_PATH); its other bare names may be that runtime's own modules
            own_loader = (deps.resolves_bare_names_locally([spec for spec, _ in found], owned)
                          or self._sibling_loader(doc, context, owned))
            aliases: tuple[str, ...] | None = None
            for spec, node in found:
                package = deps.npm_package_of(spec)
                if package is None or package in seen or deps.npm_import_declared(package, owned):
                    continue
                if aliases is None:
                    aliases = self._path_aliases(context.root, doc.path)
                if any(spec == a or a.endswith("/") and spec.startswith(a) for a in aliases):
                    continue  # a TypeScript path alias (`"@bokehjs/*"` in tsconfig.json's `paths`): the build maps it
                if deps.local_module_spelled(spec, owned["local"]):
                    continue
                seen.add(package)
                unlikely = (deps.established(package, "npm") or not deps.npm_name_valid(spec)
                            or own_loader and "/" not in spec or deps.scope_owned(package, owned))
                yield Hit("undeclared-import", to_char(node.start_byte), to_char(node.end_byte),
                          {"module": package, "files": "package.json"},
                          confidence=Confidence.LOW if unlikely else low)


    def _path_aliases(self, root: str, path: str) -> tuple[str, ...]:
        """The module aliases of the tsconfig.json / jsconfig.json files in the folders above the file
        (`compilerOptions.paths`: `"@bokehjs/*"` gives the prefix `@bokehjs/`, `"~utils"` the name)."""
        base = Path(root)
        out: list[str] = []
        for folder in Path(path).parents:
            for name in ("tsconfig.json", "jsconfig.json"):
                key = str(base / folder / name)
                if key not in self._aliases:
                    self._aliases[key] = _config_aliases(base / folder / name, base)
                out += self._aliases[key]
        return tuple(out)

    def _vendored_copy(self, root: str, path: str, top: str) -> bool:
        """The module ships inside the project, in a vendored folder above the importing file that the
        program puts on `sys.path` (`kolibri/dist/morango/` beside `morango-0.8.15.dist-info/`): the
        folder is excluded from the scan by default, so only the file system tells."""
        base = Path(root)
        try:
            real_root = base.resolve()
        except OSError:
            return False
        for folder in Path(path).parents:
            for vendor in _VENDOR_FOLDERS:
                where = base / folder / vendor
                key = f"{where}\0{top}"
                found = self._vendored.get(key)
                if found is None:
                    found = _ships(where, top, real_root)
                    self._vendored[key] = found
                if found:
                    return True
        return False

    def _sibling_loader(self, doc: Document, context: ScanContext, owned: dict) -> bool:
        """A sibling script of the same folder runs under a loader that resolves bare names itself
        (an embedded runtime's module folder): this file's bare names may be that runtime's own."""
        root = Path(context.root)
        folder = (root / doc.path).parent
        key = str(folder)
        if key not in self._folder_loader:
            self._folder_loader[key] = deps.resolves_bare_names_locally(
                _sibling_specifiers(root, folder, Path(doc.path).name), owned)
        return self._folder_loader[key]


def _inside(path: Path, real_root: Path) -> bool:
    """The path is the repository's own: inside the scanned root and not reached through a link."""
    return not path.is_symlink() and path.resolve().is_relative_to(real_root)


_CONFIG_BYTES = 256 * 1024


def _config_aliases(config: Path, root: Path) -> tuple[str, ...]:
    """`compilerOptions.paths` keys of one TypeScript/JavaScript project config, read as data (bounded,
    inside the root, not through a link); a file that does not parse gives none."""
    try:
        if not _inside(config, root.resolve()) or not config.is_file() or config.stat().st_size > _CONFIG_BYTES:
            return ()
        parsed = jsonc.parse_jsonc(config.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError, jsonc.JsoncError):
        return ()
    options = parsed.members.get("compilerOptions") if parsed.is_object else None
    paths = options[2].members.get("paths") if options is not None and options[2].is_object else None
    if paths is None or not paths[2].is_object:
        return ()
    return tuple(k[:-1] if k.endswith("/*") and len(k) > 2 else k for k in paths[2].members if k not in ("*", ""))


_VENDOR_FOLDERS = ("dist", "vendor", "_vendor", "vendored", "third_party", "extern", "_lib")


def _ships(folder: Path, top: str, real_root: Path) -> bool:
    """`folder/top/` (a package) or `folder/top.py`, inside the scanned root and not through a link."""
    try:
        if not _inside(folder, real_root) or not folder.is_dir():
            return False
        package, module = folder / top, folder / f"{top}.py"
        return (package.is_dir() and not package.is_symlink() and (package / "__init__.py").is_file()) \
            or (module.is_file() and not module.is_symlink())
    except (OSError, ValueError):
        return False


_SCRIPT_SUFFIXES = frozenset({".js", ".mjs", ".cjs"})
_BARE_SPECIFIER = re.compile(rb"""\brequire\(\s*['"]([^'"./\s][^'"\s]*)['"]\s*\)|\bfrom\s+['"]([^'"./\s][^'"\s]*)['"]""")
_SIBLINGS_READ = 200
_SIBLING_BYTES = 512 * 1024


def _sibling_specifiers(root: Path, folder: Path, own: str) -> list[str]:
    """Bare specifiers required by the other scripts of a folder (read as data, bounded; a folder
    outside the scanned root or reached through a link is not read)."""
    try:
        if not _inside(folder, root.resolve()):
            return []
        entries = sorted(folder.iterdir())
    except (OSError, ValueError):
        return []
    specs: list[str] = []
    for entry in entries[:_SIBLINGS_READ]:
        if entry.name == own or entry.suffix not in _SCRIPT_SUFFIXES or entry.is_symlink():
            continue
        try:
            if not entry.is_file() or entry.stat().st_size > _SIBLING_BYTES:
                continue
            data = entry.read_bytes()
        except OSError:
            continue
        specs += [(m.group(1) or m.group(2)).decode("utf-8", "replace") for m in _BARE_SPECIFIER.finditer(data)]
    return specs


# the author already told a type checker or linter that this import may not resolve: an optional
# or environment-provided module, not one an assistant invented (pylint import-error/E0401, mypy
# `type: ignore[import]`/`[import-not-found]`, pyright reportMissingImports)
_UNRESOLVED_MARKER = re.compile(
    r"#.*(pylint:\s*disable=[\w,\s-]*\b(import-error|E0401)\b|type:\s*ignore\[[^\]]*\bimport(-not-found)?\b"
    r"|pyright:\s*ignore\[[^\]]*reportMissingImports)")


# the same told for the rest of the module: a disable on a line of its own at the top level
# (`# pylint: disable=import-error  # on PYTHONPATH at run time only`)
_MODULE_UNRESOLVED = re.compile(rb"(?m)^#[ \t]*pylint:[ \t]*disable=[\w, \t-]*\b(import-error|E0401)\b")


def _known_unresolved(doc: Document, node) -> bool:
    line_start = doc.data.rfind(b"\n", 0, node.start_byte) + 1
    line_end = doc.data.find(b"\n", node.end_byte)
    line = doc.data[line_start:line_end if line_end >= 0 else len(doc.data)].decode("utf-8", "replace")
    return bool(_UNRESOLVED_MARKER.search(line))


class _ByteToChar:
    def __init__(self, doc: Document) -> None:
        self.data = doc.data
        self.ascii = doc.text.isascii()

    def __call__(self, offset: int) -> int:
        if self.ascii:
            return offset
        return len(self.data[:offset].decode("utf-8", "surrogateescape"))


def _in_declared_package(path: str, declared: list[str]) -> bool:
    """A file inside a package folder named after a declared distribution (`aj/api/__init__.py`
    of a panel that declares `aj==2.2.18`): the dependency's own code, bundled with the project;
    what it imports is what that distribution requires."""
    names = {manifests.normalize(d.split("[", 1)[0]) for d in declared}
    return any(manifests.normalize(part) in names for part in path.replace("\\", "/").split("/")[:-1] if part)
