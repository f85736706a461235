"""The policy stage: the one place that decides what a caller sees.

Per file, before and after reading it: configured and default excludes (by name, and
minified, bundled or generated files by their first few KB), `include` winning over a
default exclude, and what kind of file it is (test code, translation catalogue: in the
analyzers' context). Per document, after the analyzers: severity overrides, test-code
downgrades, inline suppressions (kept as suppressed results). Per report, for a surface: the baseline (one default path for every
front end), diff filtering and the surface's threshold, with a count of what it left out.
Messages and fix hints are rendered here, once, for every reporter and front end.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from railguard.engine.lazyre import LazyPattern
from railguard.engine.paths import PathFilter
from railguard.model import (
    EVERYTHING,
    Confidence,
    Finding,
    Policy,
    Rule,
    ScanReport,
    Surface,
    Threshold,
)

if TYPE_CHECKING:
    from railguard.engine.baseline import Baseline
    from railguard.engine.document import Document

# ---------------------------------------------------------------- default excludes (by name)

# (what, gitignore patterns); each is listed by `railguard scan --show-excludes` and in the docs
DEFAULT_EXCLUDES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("vendored and third-party code", ("vendor/", "vendors/", "vendored/", "_vendor/", "third_party/", "third-party/",
                                       "node_modules/", "bower_components/", "jspm_packages/", "site-packages/")),
    # libraries copied into a web app's static assets: a `lib`/`libs` folder *below* a static or
    # assets folder (a Node project's own top-level `lib/` is application source and is scanned)
    # and a folder named for JavaScript libraries wherever it is (`media/jslib/`)
    ("copied front-end libraries", ("**/static/**/lib/", "**/static/**/libs/", "**/assets/**/lib/", "**/assets/**/libs/",
                                    "**/public/**/lib/", "**/public/**/libs/", "jslib/", "jslibs/")),
    ("build output", ("dist/", "build/", "built/", "out/", ".next/", ".nuxt/", "**/_app/immutable/", "coverage/",
                      "htmlcov/", "*.egg-info/")),
    ("lockfiles", ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb",
                   "poetry.lock", "Pipfile.lock", "pdm.lock", "uv.lock", "Cargo.lock", "Gemfile.lock",
                   "composer.lock", "go.sum")),
    ("source maps", ("*.map",)),
    ("minified files (by name)", ("*.min.js", "*.min.mjs", "*.min.css", "*-min.js", "*.bundle.js")),
    # the readable twin a library ships beside its minified build (`ext-all-debug.js`, `ext-base-debug.js`)
    ("library debug builds", ("*-debug.js", "*.debug.js")),
)
CONTENT_EXCLUDES = (
    "virtualenvs: folders holding a pyvenv.cfg",
    "compiled copies: a lib/, esm/ or cjs/ folder beside the package's src/ whose scripts come with the "
    "compiler's .d.ts or source map and have their source in src/",
    "collected static files: folders holding a Django staticfiles.json manifest",
    "libraries shipped inside a plugin: below a plugins/, addons/ or extensions/ folder, inside a plugin "
    "(a folder with plugin.info, plugin.json, manifest.json, package.json, ...), a folder that holds its "
    "own license file (LICENSE, COPYING, MIT.LICENSE, ...), a bower.json or a package.json naming a "
    "version, and no plugin manifest",
    "build artifacts: a content hash in the file name (app.3f9a1c2e7b.js, vendor-0a1b2c3d4e.js)",
    "vendored libraries: a license banner (/*!, @license, @preserve) naming a version, a header comment with "
    "a licence grant, a home page and a version line of its own, a Python module inside a package whose "
    "docstring names a copyright or licence and a home page and that sets its own __version__ and "
    "__author__/__license__, or a UMD/AMD "
    "wrapper (typeof exports / define.amd), in the first 4 KB",
    "minified files: a line over 1,000 characters and an average over 200 in the first 8 KB, or (scripts) "
    "a line over 1,000 characters of statements packed one after another",
    "generated files: a 'do not edit' / '@generated' / 'auto-generated' header in the first 1 KB",
    "bundles: a webpack, esbuild, rollup, parcel or browserify runtime in the first 8 KB",
)

# translation catalogues: flagged in the analyzers' context (`kinds`); the secrets analyzer reads
# their values as prose and keeps only secret-looking ones and provider-format keys
TRANSLATION_PATTERNS = ("locale/", "locales/", "i18n/", "l10n/", "translations/", "lang/", "*.po", "*.pot",
                        "*.xliff", "*.xlf")
_LOCALE_JSON = LazyPattern(r"(?:^|/)[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?\.json$")

# test code: still scanned; generic secrets and injection/crypto findings drop to tests.severity
TEST_PATTERNS = ("tests/", "test/", "testing/", "__tests__/", "spec/", "specs/", "fixtures/", "__fixtures__/",
                 "testdata/", "test_data/", "test-data/",
                 "__mocks__/", "testutils/", "test_utils/", "testproject/", "test_project/", "tests_project/", "test_*.py", "*_test.py", "*_tests.py",
                 # a test package named after what it tests (`test_devpi_server/`, `integration_tests/`)
                 "test_*/", "*_tests/",
                 # a Django app's test module (`app/tests.py`) and a test helper beside it (`app/test.py`)
                 "tests.py", "test.py", "conftest.py", "*_test.go", "*.test.js",
                 "*.test.jsx", "*.test.ts", "*.test.tsx", "*.spec.js", "*.spec.jsx", "*.spec.ts", "*.spec.tsx",
                 "*Test.java", "*Tests.java", "*IT.java",
                 "*_test.js", "*_tests.js", "*_test.ts", "*_tests.ts",
                 # a test helper module beside the code it helps test (`auth/testhelp.js`)
                 "testhelp.*", "testhelpers.*", "test_helper.*", "test_helpers.*", "test-helper.*",
                 "test-helpers.*", "testHelper.*", "testHelpers.*", "test-utils.*", "testUtils.*",
                 # a data file named for a test (`data/test_auth.cfg`, `test_users.json`)
                 "test_*.cfg", "test_*.ini", "test_*.conf", "test_*.toml", "test_*.json", "test_*.yml",
                 "test_*.yaml", "test_*.env")
# test data factories (factory_boy): a `factories.py` module or a `factories/` package is test code
# when it imports `factory` (the name alone also means the factory design pattern)
FACTORY_PATTERNS = ("factories.py", "factories/")
_FACTORY_IMPORT = LazyPattern(rb"^[ \t]*(?:import factory(?:_boy)?\b|from factory(?:_boy)?(?:\.\w+)* import\b)", re.MULTILINE)

# sample code: examples and documentation that ship beside the product but do not run in it.
# Every finding but a provider-format secret drops to tests.severity (a real key leaks there too)
SAMPLE_PATTERNS = ("examples/", "example/", "example_*/", "samples/", "sample/", "demo/", "demos/", "docs/", "doc/",
                   "documentation/")

# development setups: the containers and seed data a developer starts locally (a dev compose file, a
# dev LDAP or database seed). Their credentials open nothing that ships, so generic passwords and URL
# credentials there drop to tests.severity; provider-format keys and every other finding stay
DEV_PATTERNS = ("dev/", "development/", ".devcontainer/", "*-dev.yml", "*-dev.yaml", "*.dev.yml", "*.dev.yaml",
                "*_dev.yml", "*_dev.yaml", "docker-compose.override.yml", "compose.override.yml")
# CI pipelines: the throwaway database and service containers a test job starts
# (`TEST_DB=mysql://ci:ci@db/test`). Only passwords and URL credentials drop: a pipeline also
# holds deploy credentials, so a high-entropy token there keeps its level, like provider keys
# (a source archive keeps the checkout's pipeline one folder down: `pkg-1.0/.github/workflows/`)
CI_PATTERNS = ("Jenkinsfile", "Jenkinsfile.*", "*.Jenkinsfile", "*.jenkinsfile", "**/.github/workflows/",
               ".gitlab-ci.yml", ".gitlab-ci.yaml", "**/.circleci/config.yml", "azure-pipelines.yml",
               "bitbucket-pipelines.yml", "tox.ini", ".travis.yml")
DEV_SECRET_RULES = frozenset({"secrets.generic-secret", "secrets.hardcoded-password", "secrets.url-credentials"})
CI_SECRET_RULES = DEV_SECRET_RULES - {"secrets.generic-secret"}


def is_dev_setup_secret(rule_id: str, ci: bool = False) -> bool:
    """A password a developer picks (generic, or inline in a connection URL), not a provider's key;
    in a CI pipeline, a password or URL credential only."""
    return rule_id in (CI_SECRET_RULES if ci else DEV_SECRET_RULES) or (
        rule_id.startswith("secrets.") and rule_id.endswith("-url-password"))

# generic detectors (a secret-like word or an entropy guess), as opposed to provider formats
GENERIC_SECRET_RULES = frozenset({"secrets.generic-secret", "secrets.hardcoded-password"})
GENERIC_SECRET_TAGS = frozenset({"generic-secret", "password"})

# ---------------------------------------------------------------- content checks (first KB only)

SNIFF_BYTES = 8192
HEADER_BYTES = 1024
MINIFIED_MAX_LINE = 1000
MINIFIED_AVERAGE_LINE = 200
# page templates are minified like the pages they make (`default-min.handlebars`)
_CODE_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".css", ".html", ".htm", ".svg", ".vue",
                  ".svelte", ".handlebars", ".hbs", ".ejs", ".mustache", ".njk", ".twig", ".jinja", ".jinja2",
                  ".j2", ".erb")
_GENERATED = LazyPattern(
    rb"@generated\b|\bdo not (?:edit|modify)\b|\bauto-?generated (?:file|code|by)\b|"
    # a comment that starts with it (`# auto-generated. run this file to refresh.`)
    rb"(?m:^[ \t]*(?:#|//|/?\*+)[ \t]*auto-?generated\b)|"
    rb"\bthis file (?:is|was) (?:auto-?)?generated\b|\bcode generated by\b.*\bdo not edit\b|"
    rb"\bsome emscripten settings\b|\bthe module object: our interface to the outside world\b",  # emscripten
    re.IGNORECASE,
)
_BUNDLE = LazyPattern(
    rb"__webpack_require__|webpackChunk|webpackBootstrap|/\*{3,} \(\(\) => \{|"  # webpack
    rb"var __defProp = Object\.defineProperty;|__toESM\(|__commonJS\(|"  # esbuild
    rb"parcelRequire|\$parcel\$|"  # parcel
    rb"\(function\(\)\{function r\(e,n,t\)\{|"  # browserify prelude
    rb"\(function e\(t,n,r\)\{function s\(o,u\)\{|"  # browserify prelude (before 14)
    rb"Object\.defineProperty\(exports, '__esModule', \{ value: true \}\);\s*\n\s*var \w+ = require\(|"  # rollup cjs
    rb"eval\(function\(p,a,c,k,e,[rd]\)",  # Dean Edwards' packer
)

# a library as it is published: a preserved banner naming a version, or a wrapper for several module
# systems. An app's own header (a copyright line, even a license text) names neither.
LIBRARY_BYTES = 4096
_BANNER = LazyPattern(rb"/\*!|@license\b|@preserve\b")
# a plugin's plain header comment: its licence grant, its home page and its own version line
# (`// v 1.1.x`); the Apache header an app puts on every file names only the licence's version
# and the licence's own address
_PERMISSIVE = LazyPattern(rb"(?i)permission is hereby granted|dual licensed|licensed under the (?:mit|gpl|bsd|lgpl)\b")
_HOME_URL = LazyPattern(rb"(?i)https?://(?!(?:www\.)?(?:apache\.org|opensource\.org|gnu\.org|mozilla\.org)/)\w")
_OWN_VERSION = LazyPattern(rb"(?im)^\s*(?://+|/?\*+)\s*(?:v\s?|version:?\s+|@version\s+)\d+\.(?:\d+|x)\b")
_VERSION = LazyPattern(rb"(?i)(?:\bv|\bversion:?\s*|@version\s+)\d+\.\d+|\b\d+\.\d+\.\d+")
_UMD = LazyPattern(
    rb"typeof\s+exports\s*===?\s*[\"']object[\"']\s*&&\s*typeof\s+module\s*!==?\s*[\"']undefined[\"']|"
    rb"typeof\s+define\s*===?\s*[\"']function[\"']\s*&&\s*define\.amd|"
    rb"[\"']function[\"']\s*==\s*typeof\s+define\s*&&\s*define\.amd"
)
_LEADING_COMMENT = LazyPattern(rb"\A\s*(?:(?:/\*.*?\*/|//[^\n]*)\s*)+", re.DOTALL)
# `name.<hash>.js`, `name-<hash>.js`: 8+ hex digits with a digit and a letter (not a date)
_HASHED_NAME = LazyPattern(r"[.-](?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{8,64}\.(?:m?js|cjs|css|ts)$")
# Vite and Rollup assets: `assets/index-ClLsmNAr.js`, `elk-worker.min-C9JGDOE-.js`: an 8-character
# URL-safe base64 hash with a capital letter and a digit or a small letter (not a word: `add-settings.js`)
_ASSET_HASH = LazyPattern(r"(?:^|/)assets/(?:[^/]*/)?[^/]+-(?=[\w-]{0,7}[A-Z])(?=[\w-]{0,7}[a-z0-9])[\w-]{8}\.(?:m?js|cjs|css)$")
# a minified build with a hash after `.min`: `name.min-C9JGDOE-.js`, `name.min.3f9a1c2e.js`
_MIN_HASHED = LazyPattern(r"\.min[.-][\w-]+\.(?:m?js|cjs|css)$")
_JS_SUFFIXES = (".js", ".mjs", ".cjs")


# a Python module copied from another project into a package of this one
# (`pypiserver/bottle_wrapper/bottle.py`): its docstring names its copyright or licence and a home
# page, and the module declares its own `__version__` beside `__author__` or `__license__`, which
# an application's modules leave to the package (`__init__.py`, checked by neither rule)
_PY_DOCSTRING = LazyPattern(rb'\A(?:#[^\n]*\n|\s)*[rRuU]?("""|\'\'\')(.*?)\1', re.DOTALL)
_PY_OWN_VERSION = LazyPattern(rb"(?m)^__version__\s*=\s*['\"]\d+\.\d+")
_PY_AUTHORSHIP = LazyPattern(rb"(?m)^__(?:author|license)__\s*=")
_PY_NOTICE = LazyPattern(rb"(?i)\bcopyright\b|\blicen[cs]e\s*:")


def _vendored_python_module(path: str, head: bytes) -> bool:
    parts = path.replace("\\", "/").split("/")
    if len(parts) < 3 or parts[-1] == "__init__.py" or parts[-2] in ("src", "lib"):
        return False  # a single-module project's own file sits at its root or under src/
    doc = _PY_DOCSTRING.match(head)
    return bool(doc and _PY_NOTICE.search(doc.group(2)) and _HOME_URL.search(doc.group(2))
                and _PY_OWN_VERSION.search(head) and _PY_AUTHORSHIP.search(head))


def vendored_library(path: str, head: bytes) -> bool:
    """A copied third-party library, by its first 4 KB: a preserved license banner at the top
    that names a version, or a UMD/AMD wrapper (scripts); a notice, a home page and a version of
    its own (a Python module inside a package of this project)."""
    if path.lower().endswith(".py"):
        return _vendored_python_module(path, head[:LIBRARY_BYTES])
    if not path.lower().endswith(_JS_SUFFIXES):
        return False
    start = head[:LIBRARY_BYTES]
    if _UMD.search(start):
        return True
    comment = _LEADING_COMMENT.match(start)
    if not comment:
        return False
    text = comment.group()
    return bool(_BANNER.search(text) and _VERSION.search(text)
                or _PERMISSIVE.search(text) and _HOME_URL.search(text) and _OWN_VERSION.search(text))


def content_exclude_reason(path: str, data: bytes) -> str | None:
    """Why a file is left out by its content, or None. Reads at most the first 8 KB: linear
    and cheap, so every scan can afford it."""
    head = data[:SNIFF_BYTES]
    if _GENERATED.search(head[:HEADER_BYTES]):
        return "generated file"
    if path.lower().endswith(".py"):
        return "vendored library" if vendored_library(path, head) else None
    if not path.lower().endswith(_CODE_SUFFIXES):
        return None
    if _BUNDLE.search(head):
        return "bundled file"
    if _MIN_HASHED.search(path.lower()):
        return "minified file"
    if _HASHED_NAME.search(path.lower()) or _ASSET_HASH.search(path.replace("\\", "/")):
        return "build artifact (hashed name)"
    if vendored_library(path, head):
        return "vendored library"
    lines = head.split(b"\n")
    if len(head) < SNIFF_BYTES and len(lines) <= 2 and len(head) < MINIFIED_MAX_LINE:
        return None  # a short file
    longest = max(len(line) for line in lines)
    if longest > MINIFIED_MAX_LINE and len(head) / len(lines) > MINIFIED_AVERAGE_LINE:
        return "minified file"
    if longest > MINIFIED_MAX_LINE and path.lower().endswith(_JS_SUFFIXES) and any(
            _minified_code(line) for line in lines if len(line) > MINIFIED_MAX_LINE):
        return "minified file"  # minified plugins pasted into one file between readable ones
    return None


def _minified_code(line: bytes) -> bool:
    """A line of code squeezed onto one line: statements and blocks packed one after another (a
    long string or data literal has few of either)."""
    return line.count(b";") * 80 >= len(line) and line.count(b"{") * 120 >= len(line) \
        and line.count(b"function") + line.count(b"=>") >= 3


# a third-party library that a plugin ships (`plugins/<name>/files/<library>/`): a folder inside a
# plugin (below a folder with a plugin or package manifest, itself below `plugins/`) that holds the
# library's own license file or package manifest. The plugin's own folder may carry a license of
# its own and is scanned.
PLUGIN_FOLDERS = frozenset({"plugins", "plugin", "addons", "extensions"})
PLUGIN_MANIFESTS = frozenset({"plugin.info", "plugin.json", "plugin.yaml", "plugin.yml", "plugin.xml",
                              "manifest.json", "package.json", "pyproject.toml", "setup.py", "composer.json"})
# LICENSE, LICENCE.txt, COPYING, MIT.LICENSE, LICENSE-MIT, remarkable-license.txt; not a wiki page
# or a module about licenses (license.tid, license.js)
_LICENSE_FILE = LazyPattern(r"(?i)^(?:[\w-]+[._-])?(?:licen[cs]e|copying)(?:[-_][\w-]+)?(?:\.(?:txt|md|markdown|rst))?$")
_MANIFEST_VERSION = LazyPattern(rb'"version"\s*:\s*"\d')
_PRIVATE = LazyPattern(rb'"private"\s*:\s*true')


@lru_cache(maxsize=512)
def _listing(folder: Path) -> frozenset[str]:
    try:
        return frozenset(os.listdir(folder))
    except OSError:
        return frozenset()


def _plugin_ancestors(folder: Path, root: Path) -> list[Path]:
    """The folders between a `plugins/` folder and this one (exclusive), when this one is two or
    more levels below it: where the plugin that holds it can be."""
    try:
        parts = folder.relative_to(root).parts
    except ValueError:
        try:
            parts = folder.resolve().relative_to(root.resolve()).parts
        except (OSError, ValueError):
            return []  # outside the project: folder names above it say nothing
    anchors = [i for i, part in enumerate(parts[:-2]) if part.lower() in PLUGIN_FOLDERS]
    if not anchors:
        return []
    return [root.joinpath(*parts[: j + 1]) for j in range(anchors[0] + 1, len(parts) - 1)]


def _library_in_plugin(folder: Path, root: Path) -> bool:
    """A folder inside a plugin that holds a library's own license file or package manifest."""
    ancestors = _plugin_ancestors(folder, root)
    if not ancestors or not any(PLUGIN_MANIFESTS & _listing(a) for a in ancestors):
        return False
    names = _listing(folder)
    if (PLUGIN_MANIFESTS - {"package.json"}) & names:
        return False  # a plugin (or package) of its own: the project's code
    if any(_LICENSE_FILE.match(n) for n in names) or "bower.json" in names:
        return True
    if "package.json" not in names:
        return False
    try:
        with (folder / "package.json").open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
    # a published package names its version; a plugin's own build setup is often private
    return bool(_MANIFEST_VERSION.search(head)) and not _PRIVATE.search(head)


def _marker(folder: Path, root: Path) -> str | None:
    """What a folder is by a marker file it holds: a virtualenv, a collected static root
    (Django's collectstatic writes the staticfiles.json manifest of every copied file), or a
    library that a plugin ships with its own license or manifest."""
    if (folder / "pyvenv.cfg").is_file():
        return "in a virtualenv"
    if _compiled_from_src(folder):
        return "build output (compiled from the package's src/)"
    if _library_in_plugin(folder, root):
        return "vendored library (its own license or manifest, inside a plugin)"
    manifest = folder / "staticfiles.json"
    if manifest.is_file():
        try:
            with manifest.open("rb") as fh:
                if fh.read(64).lstrip().startswith(b'{"paths"'):
                    return "collected static files"
        except OSError:
            return None
    return None


# a package that ships its sources and their compiled copy side by side (`src/companion.js` and
# `lib/companion.js` with the compiler's `lib/companion.d.ts` or source map): the copy is build output
_COMPILED_FOLDERS = frozenset({"lib", "esm", "cjs", "es", "lib-esm", "lib-cjs"})
_SOURCE_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
_LISTED = 500


def _compiled_from_src(folder: Path) -> bool:
    if folder.name not in _COMPILED_FOLDERS or folder.is_symlink():
        return False
    src = folder.parent / "src"
    try:
        if src.is_symlink() or not src.is_dir():
            return False
        names = sorted(entry.name for entry in islice(folder.iterdir(), _LISTED))
    except OSError:
        return False
    present = set(names)
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if not dot or "." + suffix not in _JS_SUFFIXES:
            continue
        if f"{stem}.d.ts" not in present and f"{name}.map" not in present:
            continue
        if any((src / (stem + ext)).is_file() for ext in _SOURCE_SUFFIXES):
            return True
    return False


def marked_folder(location: Path, root: Path, known: dict[Path, str | None] | None = None) -> str | None:
    """Why a folder between root and the file leaves it out (a virtualenv whatever its name, a
    collected static root), or None; a tracked source folder named `venv` is scanned. `known`
    remembers folders, so a tree costs a stat or two per folder."""
    known = {} if known is None else known
    parent = location.parent
    if parent in known:
        return known[parent]
    if parent == root or parent == parent.parent:
        found = None
    else:
        found = _marker(parent, root) or marked_folder(parent, root, known)
    known[parent] = found
    return found



# ---------------------------------------------------------------- rendering, once


def message_with_cwe(finding: Finding) -> str:
    cwes = ", ".join(f"CWE-{c}" for c in finding.cwe)
    return f"{finding.message} ({cwes})" if cwes else finding.message


_PROSE = LazyPattern(r"[A-Z][a-z']*(?: [A-Za-z'(),`-]+){2}")  # "Use parameterised queries", not code
_SENTENCE_END = LazyPattern(r"(?<=[a-z)`])\. ")


def fix_hint(finding: Finding, rule: Rule | None) -> str:
    """One line of advice: the fix's description, else the first sentence of the rule's
    'use instead' prose (whole: never cut in the middle), else its first example line."""
    if finding.fix is not None:
        return finding.fix.description
    if rule is None or not rule.docs.instead:
        return ""
    text = rule.docs.instead.strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    prose = next((p for p in paragraphs if _PROSE.match(p)), None)
    # the first sentence of advice, or else the example the docs start with
    return _SENTENCE_END.split(prose, maxsplit=1)[0] if prose else f"e.g. {lines[0]}"


EVIDENCE_WIDTH = 160


def evidence_window(snippet: str, column: int, length: int, width: int = EVIDENCE_WIDTH) -> tuple[str, int]:
    """At most `width` characters of an evidence line around the match: (text, the match's
    column in it). A minified line of 400 KB shows the part that matters, with '…' marks."""
    if len(snippet) <= width:
        return snippet, column
    keep = max(0, width - 2)
    start = max(0, min(column - (keep - min(length, keep)) // 2, len(snippet) - keep))
    text = snippet[start : start + keep]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + keep < len(snippet) else ""
    return prefix + text + suffix, column - start + len(prefix)


# ---------------------------------------------------------------- the stage


@dataclass(frozen=True)
class Selection:
    """What a surface sees of a scan: the surface, the threshold (None: everything), the
    baseline, and the changed lines of a diff (None: every line)."""

    surface: Surface = Surface.CI
    threshold: Threshold | None = None
    baseline: Baseline | None = None
    changed_lines: Mapping[str, Iterable[int]] | None = None


class PolicyStage:
    """The policy of one project (its root and typed configuration)."""

    def __init__(self, policy: Policy, root: Path) -> None:
        self.policy = policy
        self.root = root
        self._venvs: dict[Path, str | None] = {}

    # ------------------------------------------------------------ files
    @cached_property
    def _configured(self) -> PathFilter:
        return PathFilter.from_patterns(self.policy.excludes)

    @cached_property
    def _defaults(self) -> PathFilter:
        if not self.policy.default_excludes:
            return PathFilter(())
        return PathFilter.from_patterns(p for _what, patterns in DEFAULT_EXCLUDES for p in patterns)

    @cached_property
    def _include(self) -> PathFilter:
        return PathFilter.from_patterns(self.policy.include)

    @cached_property
    def _tests(self) -> PathFilter:
        return PathFilter.from_patterns((*TEST_PATTERNS, *self.policy.test_paths))

    @cached_property
    def _translations(self) -> PathFilter:
        return PathFilter.from_patterns(TRANSLATION_PATTERNS)

    def included(self, path: str) -> bool:
        """An explicit `include` brings back what a default exclude would leave out."""
        return bool(self._include) and self._include.matches(path)

    def exclude_reason(self, path: str, location: Path | None = None) -> str | None:
        """Why a file is left out by its name (configured excludes win over everything, then
        `include` wins over the defaults), or None."""
        if self._configured and self._configured.matches(path):
            return "excluded by the configuration"
        if not self.policy.default_excludes or self.included(path):
            return None
        if self._defaults.matches(path):
            return "excluded by default"
        if location is not None:
            return marked_folder(location, self.root, self._venvs)
        return None

    def content_reason(self, path: str, data: bytes) -> str | None:
        """Why a file is left out by its first few KB (minified, bundled, generated), or None."""
        if not self.policy.default_excludes or self.included(path):
            return None
        return content_exclude_reason(path, data)

    def is_test(self, path: str) -> bool:
        return self._tests.matches(path)

    @cached_property
    def _samples(self) -> PathFilter:
        return PathFilter.from_patterns(SAMPLE_PATTERNS)

    @cached_property
    def _dev(self) -> PathFilter:
        return PathFilter.from_patterns(DEV_PATTERNS)

    @cached_property
    def _ci(self) -> PathFilter:
        return PathFilter.from_patterns(CI_PATTERNS)

    @cached_property
    def _factories(self) -> PathFilter:
        return PathFilter.from_patterns(FACTORY_PATTERNS)

    def is_dev_setup(self, path: str) -> bool:
        """A local development setup (DEV_PATTERNS), unless `include` names it."""
        return self._dev.matches(path) and not self.included(path)

    def is_ci_pipeline(self, path: str) -> bool:
        """A CI pipeline definition (CI_PATTERNS), unless `include` names it."""
        return self._ci.matches(path) and not self.included(path)

    def is_test_document(self, document: Document) -> bool:
        """Test code by its path, or a module of test data factories that imports factory_boy."""
        return self.is_test(document.path) or (
            self._factories.matches(document.path) and bool(_FACTORY_IMPORT.search(document.data[:SNIFF_BYTES])))

    def is_sample(self, path: str) -> bool:
        """Examples and documentation (SAMPLE_PATTERNS), unless `include` names them."""
        return self._samples.matches(path) and not self.included(path)

    def named_samples(self, targets: Iterable[str]) -> list[str]:
        """The targets (project-relative) that lie in a sample folder: a user who names
        `examples/` on the command line wants it judged as code (they join `include`)."""
        out = []
        for t in targets:
            t = t.strip("/")
            if t and t != "." and (self._samples.matches(t + "/") or self._samples.matches(t)):
                out.append(t + "/" if not self._samples.matches(t) else t)
        return out

    def kinds(self, path: str) -> frozenset[str]:
        """What the policy knows of a file that analyzers may use: "test" code, a "translation"
        catalogue (every value is prose: the secrets analyzer judges generic findings there)."""
        found = set()
        if self.is_test(path):
            found.add("test")
        if self.is_translation(path):
            found.add("translation")
        return frozenset(found)

    def is_translation(self, path: str) -> bool:
        return self._translations.matches(path) or bool(
            path.endswith(".json") and _LOCALE_JSON.search(path) and "/" in path)

    # ------------------------------------------------------------ findings of one document
    def override(self, finding: Finding) -> Finding:
        sev = self.policy.severity_override(finding.rule_id)
        return finding.with_changes(severity=sev) if sev is not None else finding

    def judge_document(self, findings: list[Finding], document: Document) -> tuple[list[Finding], list[Finding]]:
        """After the analyzers, per document: translation catalogues, test-code downgrades,
        then suppressions. Returns (kept, suppressed)."""
        from railguard.engine.suppressions import filter_suppressed

        if findings and self.policy.test_downgrade:
            if self.is_test_document(document):
                findings = [self._downgrade(f) for f in findings]
            elif self.is_sample(document.path):
                findings = [self._downgrade(f, sample=True) for f in findings]
            elif self.is_dev_setup(document.path) or self.is_ci_pipeline(document.path):
                ci = not self.is_dev_setup(document.path)
                target, tag = self.policy.test_severity, "ci-pipeline" if ci else "dev-setup"
                findings = [f.with_changes(severity=target, tags=(*f.tags, tag))
                            if is_dev_setup_secret(f.rule_id, ci) and f.severity > target else f for f in findings]
        return filter_suppressed(findings, document)

    def _downgrade(self, finding: Finding, sample: bool = False) -> Finding:
        target = self.policy.test_severity
        if finding.severity <= target:
            return finding
        if sample:
            if finding.analyzer == "secrets" and not is_generic_secret(finding):
                return finding
            return finding.with_changes(severity=target, tags=(*finding.tags, "sample-code"))
        # test code does not ship: its routes serve no one, its TLS shortcuts talk to test servers,
        # its pickles are fixtures. What stays: provider-format keys (a real key leaks from a test
        # too) and the guardrail's own rules (hidden Unicode, agent configuration: tests run in CI)
        # A private key in test code is a key pair made for the tests (a test CA, a signing key for
        # fixtures): it guards test data only, unlike a provider token that opens a real account
        if finding.rule_id in TEST_KEY_RULES and not self.policy.test_private_keys:
            return finding.with_changes(severity=target, tags=(*finding.tags, "test-code", "test-key"))
        # tokens that open nothing outside the tests (TEST_TOKEN_RULES)
        token = TEST_TOKEN_RULES.get(finding.rule_id)
        if token:
            return finding.with_changes(severity=target, tags=(*finding.tags, "test-code", token))
        if finding.analyzer == "ai" or (finding.analyzer == "secrets" and not is_generic_secret(finding)):
            return finding
        return finding.with_changes(severity=target, tags=(*finding.tags, "test-code"))

    # ------------------------------------------------------------ the report a surface sees
    def baseline_path(self, explicit: str | None = None) -> Path:
        """The one baseline of the project: an explicit file, else the configured one, else
        `.railguard-baseline.json` at the project root (for the CLI, the hooks and the editor)."""
        p = Path(explicit or self.policy.baseline)
        return p if p.is_absolute() or explicit else self.root / p

    def load_baseline(self, explicit: str | None = None) -> Baseline | None:
        """The baseline, or None when the default one does not exist. An explicit file must exist."""
        from railguard.engine.baseline import load_baseline

        path = self.baseline_path(explicit)
        if explicit or path.exists():
            return load_baseline(path)
        return None

    def threshold(self, surface: Surface | str, severity: str | None = None,
                  confidence: str | None = None) -> Threshold:
        return self.policy.thresholds.for_surface(surface).with_overrides(severity, confidence)

    def select(self, report: ScanReport, selection: Selection) -> ScanReport:
        """The findings the surface shows: not accepted by the baseline, on changed lines when
        a diff is given, at or above the threshold. Counts what each step left out."""
        findings = report.findings
        baselined = 0
        if selection.baseline is not None:
            kept = selection.baseline.new_findings(findings)
            baselined, findings = len(findings) - len(kept), kept
        if selection.changed_lines is not None:
            findings = on_changed_lines(findings, selection.changed_lines)
        threshold = selection.threshold
        below = 0
        if threshold is not None and threshold != EVERYTHING:
            kept = [f for f in findings if threshold.admits_finding(f)]
            below, findings = len(findings) - len(kept), kept
        return replace(report, findings=findings, threshold=threshold, below_threshold=below,
                       baselined=baselined)

    def select_findings(self, findings: list[Finding], threshold: Threshold,
                        baseline: Baseline | None) -> list[Finding]:
        """The findings of one document an editor or agent shows (baseline, then threshold)."""
        report = self.select(ScanReport(findings=findings), Selection(threshold=threshold, baseline=baseline))
        return report.findings


# a rule with this tag reports a fact of the project, not of the file (a dependency that no
# manifest declares is missing once, however many files import it)
PROJECT_FACT_TAG = "project-fact"


def collapse_project_facts(findings: list[Finding]) -> list[Finding]:
    """One finding per project fact: of the findings of a `project-fact` rule with the same
    message (the same module missing from the same manifests), the strongest keeps its level
    (ties: the first by path and line); the others drop to low confidence, tagged `repeat`, so
    that one wrong fact costs one finding at the CI threshold, not one per importing file. The
    editor's threshold (low) still shows every one."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(findings):
        if PROJECT_FACT_TAG in f.tags:
            groups.setdefault((f.rule_id, f.message), []).append(i)
    if not any(len(members) > 1 for members in groups.values()):
        return findings
    out = list(findings)
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(members, key=lambda i: (-findings[i].severity, -findings[i].confidence, findings[i].sort_key()))
        for i in members:
            f = findings[i]
            if i != first and f.confidence > Confidence.LOW:
                out[i] = f.with_changes(confidence=Confidence.LOW, tags=(*f.tags, "repeat"))
    return out


def on_changed_lines(findings: list[Finding], changed: Mapping[str, Iterable[int]]) -> list[Finding]:
    """Findings that touch a changed line (1-based), or the line after their end."""
    kept = []
    for f in findings:
        lines = changed.get(f.path)
        if lines is not None and any(n in lines for n in range(f.line, f.range.end.line + 2)):
            kept.append(f)
    return kept


# key pairs, not credentials of an account: in test code they are test keys (tests.private-keys)
TEST_KEY_RULES = frozenset({"secrets.private-key", "secrets.pgp-private-key", "secrets.openssh-private-key"})
# tokens that open nothing outside the tests, by the tag a test's copy gets: an access token that
# expires within the hour, recorded in a test (Google OAuth `ya29.`: dead long before anyone reads the
# tests, unlike the keys that mint it), and a JSON Web Token, which a test signs with the test
# configuration's secret (it opens the test server only, unlike a provider's key)
TEST_TOKEN_RULES = {"secrets.google-oauth-access-token": "short-lived-token", "secrets.jwt": "test-token"}


def is_generic_secret(finding: Finding) -> bool:
    return finding.rule_id in GENERIC_SECRET_RULES or bool(GENERIC_SECRET_TAGS & set(finding.tags))


def describe_excludes(stage: PolicyStage) -> list[str]:
    """Lines for `railguard scan --show-excludes`."""
    policy = stage.policy
    out = ["configured excludes (win over include):"]
    out += [f"  {p}" for p in policy.excludes] or ["  (none)"]
    out.append("include (wins over the default excludes):")
    out += [f"  {p}" for p in policy.include] or ["  (none)"]
    if not policy.default_excludes:
        out.append("default excludes: off (default-excludes = false)")
        return out
    out.append("default excludes, by name:")
    for what, patterns in DEFAULT_EXCLUDES:
        out.append(f"  {what}: {' '.join(patterns)}")
    out.append("default excludes, by content:")
    out += [f"  {line}" for line in CONTENT_EXCLUDES]
    out.append("translation catalogues (values read as prose by the secrets analyzer): " + " ".join(TRANSLATION_PATTERNS)
               + " <locale>.json")
    if policy.test_downgrade:
        keys = "" if policy.test_private_keys else " (private keys too: tests.private-keys = false)"
        out.append(f"test code (every finding but provider-format secrets and the AI-guardrail rules at "
                   f"{policy.test_severity.label}{keys}): "
                   + " ".join((*TEST_PATTERNS, *policy.test_paths)))
        out.append(f"sample code (every finding but provider-format secrets at {policy.test_severity.label}): "
                   + " ".join(SAMPLE_PATTERNS))
        out.append("test data factories (as test code when they import factory_boy): " + " ".join(FACTORY_PATTERNS))
        out.append(f"development setups (generic passwords and URL credentials at {policy.test_severity.label}): "
                   + " ".join(DEV_PATTERNS))
        out.append(f"CI pipelines (passwords and URL credentials at {policy.test_severity.label}): "
                   + " ".join(CI_PATTERNS))
    return out
