"""Declared dependencies, imports that no dependency file declares, and look-alike names.

Dependency files are read as data (railguard/engine/ai/manifests.py). The package lists that
ship under rules/ai/data/ stand in for the registries: nothing is fetched at scan time.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from railguard.engine.ai.manifests import (
    NPM_DEP_FILES,
    Declared,
    declared_in,
    extras_of,
    is_dependency_file,
    is_requirements_file,
    normalize,
    poetry_extras,
    requirements_declared,
)

DATA = Path(__file__).resolve().parent.parent.parent / "rules" / "ai" / "data"
ALWAYS_AVAILABLE = {"setuptools", "pkg_resources", "pip", "wheel", "distutils", "_distutils_hack", "__main__",
                    # modules of other runtimes: Jython, IronPython, Pyodide, MicroPython, PyPy
                    "java", "javax", "clr", "System", "js", "pyodide", "micropython", "__pypy__"}
# Python 2 standard library modules: code that still supports Python 2 imports them in fallbacks
PYTHON2_STDLIB = {
    "urllib2", "httplib", "StringIO", "cStringIO", "urlparse", "ConfigParser", "Queue", "cPickle",
    "__builtin__", "HTMLParser", "Cookie", "cookielib", "SocketServer", "SimpleHTTPServer",
    "BaseHTTPServer", "CGIHTTPServer", "xmlrpclib", "Tkinter", "tkMessageBox", "commands", "md5", "sha",
    "sets", "thread", "dummy_thread", "copy_reg", "repr", "anydbm", "dbhash", "whichdb", "dumbdbm",
    "robotparser", "htmlentitydefs", "mimetools", "rfc822", "UserDict", "UserList", "UserString",
    "exceptions", "new", "popen2", "urllib2_ssl", "imputil", "mimetypes", "DocXMLRPCServer",
    "SimpleXMLRPCServer", "Dialog", "FileDialog", "ttk", "markupbase", "sgmllib", "htmllib",
}
# frameworks whose plugins are published as `<framework>-<words>` (the first word of the name)
PLUGIN_HOSTS = frozenset({"django", "djangorestframework", "drf", "flask", "pytest", "sphinx", "fastapi",
                          "sqlalchemy", "celery", "pyramid", "wagtail", "mkdocs"})

# ------------------------------------------------------------------ shipped data


def _data_lines(name: str) -> list[str]:
    try:
        text = (DATA / name).read_text("utf-8")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def stdlib_modules() -> frozenset[str]:
    return frozenset(_data_lines("python-stdlib.txt")) | frozenset(getattr(sys, "stdlib_module_names", ()))


@lru_cache(maxsize=1)
def node_builtins() -> frozenset[str]:
    return frozenset(_data_lines("node-builtins.txt"))


@lru_cache(maxsize=1)
def _import_data() -> dict:
    from railguard.rules.loader import load_data_file

    try:
        data = load_data_file(DATA / "import-names.yaml")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def import_names() -> dict[str, tuple[str, ...]]:
    """Import name -> distributions that provide it (where the names differ)."""
    modules = _import_data().get("modules") or {}
    return {str(k): tuple(normalize(str(d)) for d in v or ()) for k, v in modules.items()}


@lru_cache(maxsize=1)
def hosted() -> frozenset[str]:
    """Import names that the host program or the operating system provides (never declared)."""
    return frozenset(str(m) for m in _import_data().get("hosted") or ())


@lru_cache(maxsize=1)
def brings() -> dict[str, tuple[str, ...]]:
    """Distribution -> distributions it always installs (Requires-Dist without markers)."""
    data = _import_data().get("brings") or {}
    return {normalize(str(k)): tuple(normalize(str(d)) for d in v or ()) for k, v in data.items()}


def with_requirements(declared: Iterable[str], depth: int = 4) -> frozenset[str]:
    """The declared distributions and what they install, transitively (as far as the data knows)."""
    known = brings()
    out = set(declared)
    frontier = set(out)
    for _ in range(depth):
        frontier = {d for name in frontier for d in known.get(name, ())} - out
        if not frontier:
            break
        out |= frontier
    return frozenset(out)


@lru_cache(maxsize=2)
def popular(ecosystem: str) -> tuple[str, ...]:
    names = _data_lines(f"popular-{ecosystem}.txt")
    return tuple(normalize(n) if ecosystem == "pypi" else n.lower() for n in names)


@lru_cache(maxsize=1)
def installed_providers() -> dict[str, tuple[str, ...]]:
    """Import name -> distributions, from the metadata (top_level.txt, RECORD) of what is installed here."""
    try:
        from importlib.metadata import packages_distributions

        return {k: tuple(normalize(d) for d in v) for k, v in packages_distributions().items()}
    except Exception:  # broken metadata of one installed package must not stop a scan
        return {}


# ------------------------------------------------------------------ project facts


Reader = Callable[[Path, str], "bytes | None"]


def _read(path: Path, display: str = "", read: Reader | None = None) -> str | None:
    """A dependency file's text: from the work tree, or through `read` (the commit gate reads
    the index, so an unstaged or untracked manifest declares nothing)."""
    if read is not None:
        data = read(path, display or str(path))
        return data.decode("utf-8", "replace") if data is not None and len(data) <= 2_000_000 else None
    try:
        if path.stat().st_size > 2_000_000:
            return None
        return path.read_text("utf-8", "replace")
    except OSError:
        return None


# Files that make a folder a Python project of its own: the nearest one above an importing file
# owns it. A plain requirements.txt/.in owns its folder too (applications often have nothing
# else); variants (requirements-dev.txt, requirements/slim.txt) only add to an owner's list.
PYTHON_OWNERS = ("pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "requirements.txt", "requirements.in")
# packaging metadata as shipped in wheels and source distributions (Requires-Dist, requires.txt)
_METADATA = re.compile(r"(?:^|/)[^/]+\.(?:dist-info/METADATA|egg-info/requires\.txt|egg-info/PKG-INFO)$|(?:^|/)PKG-INFO$")
_REQUIRES_DIST = re.compile(r"(?m)^Requires-Dist:[ \t]*([A-Za-z0-9][\w.-]*(?:\[[^\]\n]*\])?)")


def is_metadata_file(path: str) -> bool:
    return bool(_METADATA.search(path.replace("\\", "/")))


def metadata_declared(path: str, text: str) -> list[str]:
    if path.endswith("requires.txt"):
        return [d.name for d in requirements_declared(text) if not d.name.startswith("[")]
    out: list[str] = []
    for spec in _REQUIRES_DIST.findall(text):
        out.append(spec.split("[", 1)[0])
        out += extras_of(spec)
    return out


def _folder(display: str) -> str:
    display = display.replace("\\", "/")
    return display.rsplit("/", 1)[0] if "/" in display else ""


def _metadata_folder(display: str) -> str:
    """The project folder that a metadata file describes: the parent of `x.dist-info/`."""
    folder = _folder(display)
    if folder.endswith((".dist-info", ".egg-info")):
        return _folder(folder)
    return folder


def local_names(paths: Iterable[str]) -> set[str]:
    """Every folder name and module stem in the project: candidates for local imports."""
    names: set[str] = set()
    for p in paths:
        parts = p.replace("\\", "/").split("/")
        for part in parts[:-1]:
            names.add(part)
        stem = parts[-1].split(".", 1)[0]
        if stem:
            names.add(stem)
    return names


def _owns(name: str, declared: list[Declared], text: str) -> bool:
    """A manifest owns its folder when it describes a project (not only tool settings)."""
    if name == "setup.py":
        # a packaging script calls setup(); a module that happens to be named setup.py does not
        return bool(re.search(r"\bsetup\s*\(", text)) and bool(re.search(r"\b(?:setuptools|distutils)\b", text))
    if name in ("Pipfile", "requirements.txt", "requirements.in", *NPM_DEP_FILES):
        return True
    if name == "pyproject.toml":
        return bool(declared) or bool(re.search(r"(?m)^\[(?:project|tool\.poetry|tool\.pdm|tool\.flit\.metadata)\]", text))
    if name == "setup.cfg":
        return bool(declared) or bool(re.search(r"(?m)^\[(?:metadata|options)\]", text))
    return False


def facts_from_files(dep_files: Iterable[tuple[Path, str]], all_paths: Iterable[str], read: Reader | None = None) -> dict:
    """Per owning folder, what it declares. `owners` maps a folder (display path, "" for the
    root) to {"pypi": [...], "npm": [...]}; only folders with an owning manifest are keys."""
    owners: dict[str, dict[str, set[str]]] = {}
    owning: dict[str, set[str]] = {"pypi": set(), "npm": set()}
    own: set[str] = set()
    fragments: list[tuple[str, set[str]]] = []
    py_files = npm_files = 0
    for real, display in dep_files:
        text = _read(real, display, read)
        if text is None:
            continue
        name = display.replace("\\", "/").rsplit("/", 1)[-1]
        if is_metadata_file(display):
            folder = _metadata_folder(display)
            names = [normalize(n) for n in metadata_declared(display, text)]
            owners.setdefault(folder, {"pypi": set(), "npm": set()})["pypi"].update(names)
            owning["pypi"].add(folder)
            py_files += 1
            continue
        declared, own_names = declared_in(display, text)
        own.update(own_names)
        folder = _folder(display)
        if is_requirements_file(display) and name not in PYTHON_OWNERS:
            # requirements/base.txt, requirements-dev.txt: part of the folder above requirements/
            if folder.rsplit("/", 1)[-1] == "requirements":
                folder = _folder(folder)
        ecosystem = "npm" if name in NPM_DEP_FILES else "pypi"
        if name == "package.json5":
            fragments.append((folder, {d.name.lower() for d in declared}))
        entry = owners.setdefault(folder, {"pypi": set(), "npm": set()})
        entry[ecosystem].update(d.name.lower() if ecosystem == "npm" else normalize(d.name) for d in declared)
        if ecosystem == "pypi" and "[" in text:
            entry["pypi"].update(x for line in text.splitlines() for x in extras_of(line.strip().lstrip("\"'")))
            if name == "pyproject.toml" and "extras" in text:
                entry["pypi"].update(poetry_extras(text))
        if _owns(name, declared, text):
            owning[ecosystem].add(folder)
        if ecosystem == "npm":
            npm_files += 1
        else:
            py_files += 1
    # a package.json5 is one part of an install that a tool merges (npm-mjs joins every app's file;
    # a pnpm workspace hoists): what it declares is installed for the package.json above it too
    for folder, names in fragments:
        above = folder
        while above:
            above = _folder(above)
            if above in owning["npm"]:
                owners[above]["npm"].update(names)
                break
    local = local_names(all_paths) | {normalize(n).replace("-", "_") for n in own} | own
    return {
        "owners": {folder: {eco: sorted(entry[eco]) for eco in ("pypi", "npm") if folder in owning[eco]}
                   for folder, entry in owners.items() if folder in owning["pypi"] or folder in owning["npm"]},
        "pypi_files": py_files, "npm_files": npm_files, "local": sorted(local),
    }


def declared_for(path: str, facts: dict, ecosystem: str) -> list[str] | None:
    """What the project that owns `path` declares, or None when no manifest above it owns it."""
    owners = facts.get("owners")
    if owners is None:  # facts of the older shape: one list for everything
        return list(facts.get(ecosystem, ())) if facts.get(f"{ecosystem}_files") else None
    if "*" in owners:  # a single-file scan: the walk up found the owner already
        return owners["*"].get(ecosystem)
    folder = _folder(path)
    found: list[str] | None = None
    while True:
        entry = owners.get(folder)
        if entry is not None and ecosystem in entry:
            if ecosystem != "npm":
                return entry[ecosystem]
            # Node resolves a package from the node_modules of every folder above the file: a nested
            # package.json (a browser build, a docs site) adds to what the packages above it declare
            found = [*(found or ()), *entry[ecosystem]]
        if not folder:
            return found
        folder = _folder(folder)


def project_facts(files: list[tuple[Path, str]], read: Reader | None = None) -> dict:
    dep = [(p, d) for p, d in files if is_dependency_file(d) or is_metadata_file(d)]
    if not dep and len(files) <= 2:
        return facts_by_walking_up([p for p, _ in files], read)
    return facts_from_files(dep, [d for _, d in files], read)


_WALK_CACHE: dict[tuple[str, ...], tuple[float, dict]] = {}
MAX_LEVELS = 8


def facts_by_walking_up(paths: list[Path], read: Reader | None = None) -> dict:
    """For a single-file scan: the dependency files of the nearest folder above the file that
    owns it (a manifest), up to the project root (a folder with .git)."""
    owners: dict[str, dict[str, list[str]]] = {}
    sources: list[Path] = []
    names: list[str] = []
    # these names are relative to their folder, not the project: `read` is asked by path
    by_path: Reader | None = (lambda p, _d: read(p, str(p))) if read is not None else None
    for path in paths:
        folder = path.resolve().parent
        for _ in range(MAX_LEVELS):
            try:
                entries = os.listdir(folder)
            except OSError:
                break
            names += entries
            src = folder / "src"
            if src.is_dir():
                try:
                    names += os.listdir(src)
                except OSError:
                    pass
            dep = [(folder / e, e) for e in entries if is_dependency_file(e)]
            req_dir = folder / "requirements"
            if req_dir.is_dir():
                try:
                    dep += [(req_dir / e, f"requirements/{e}") for e in os.listdir(req_dir) if is_requirements_file(f"requirements/{e}")]
                except OSError:
                    pass
            if dep:
                found = facts_from_files(dep, [], by_path)
                names += found["local"]  # the projects' own names
                sources += [p for p, _ in dep]
                mine = found["owners"].get("", {})
                for eco, declared in mine.items():
                    owners.setdefault("*", {}).setdefault(eco, declared)
                if "pypi" in owners.get("*", {}) and "npm" in owners.get("*", {}):
                    break
            if ".git" in entries or folder.parent == folder:
                break
            folder = folder.parent
    facts = {"owners": owners, "pypi_files": len(sources), "npm_files": 0, "local": sorted(local_names(names))}
    facts["sources"] = [[str(p), _mtime(p)] for p in sources]
    return facts


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def sources_unchanged(facts: dict) -> bool:
    """False when a dependency file that the facts were read from changed since (editor sessions)."""
    return all(_mtime(Path(p)) == m for p, m in facts.get("sources", ()))


# ------------------------------------------------------------------ checks


def python_candidates(module: str) -> set[str]:
    """Distribution names that could provide a Python import."""
    top = module.split(".", 1)[0]
    norm = normalize(top)
    candidates = {norm, normalize("python-" + top), normalize("py" + top), normalize(top + "-python"),
                  normalize("py-" + top), normalize(top + "-py"), normalize(top + "py")}
    candidates.update(import_names().get(top, ()))
    # a plugin named after its host's distribution: rest_framework_recursive is provided by
    # djangorestframework-recursive because rest_framework is provided by djangorestframework
    words = top.split("_")
    for i in range(1, len(words)):
        for host in import_names().get("_".join(words[:i]), ()):
            candidates.add(normalize(host + "-" + "-".join(words[i:])))
    # Django REST framework plugins: `drf-access-policy` provides rest_access_policy,
    # `djangorestframework-queryfields` provides drf_queryfields
    if len(words) > 1 and words[0] in ("drf", "rest"):
        rest = "-".join(words[1:])
        candidates.update({normalize("drf-" + rest), normalize("djangorestframework-" + rest)})
    parts = module.split(".")
    for i in range(2, len(parts) + 1):
        candidates.add(normalize("-".join(parts[:i])))
    return candidates


def established(name: str, ecosystem: str) -> bool:
    """An import that an established package of the registry provides (one of its most downloaded
    names): a forgotten declaration, not an invented one that anyone could register next."""
    names = legitimate_names(ecosystem)
    if ecosystem == "pypi":
        if python_candidates(name) & names:
            return True
        # the root of a namespace package whose distributions are established (`opentelemetry` is
        # shipped by opentelemetry-api, -sdk, ...; `azure` by azure-core, azure-identity, ...)
        prefix = normalize(name.split(".", 1)[0]) + "-"
        return sum(1 for n in names if n.startswith(prefix)) >= 2
    return name.lower() in names


def companion_of_declared(module: str, declared: Iterable[str]) -> bool:
    """An import named like a declared distribution with a major number (`httpx2` beside `httpx`): its
    successor or a sibling the dependency installs, not an invented name. Not proof (the dependency's
    metadata is not here), so reported low rather than not at all."""
    top = module.split(".", 1)[0]
    base = top.rstrip("0123456789")
    return base != top and len(base) >= 4 and bool(python_candidates(base) & with_requirements(declared))


def python_import_declared(module: str, facts: dict) -> bool:
    top = module.split(".", 1)[0]
    if top in stdlib_modules() or top in ALWAYS_AVAILABLE or top in PYTHON2_STDLIB or top.startswith("_"):
        return True
    local = set(facts.get("local", ()))
    if top in local:
        return True
    declared = with_requirements(facts.get("pypi", ()))
    norm = normalize(top)
    candidates = python_candidates(module)
    if candidates & declared:
        return True
    # an extra named after what it installs: `geoalchemy2[shapely]` brings shapely, `celery[redis]` redis
    if candidates & {normalize(d[d.index("[") + 1 : -1]) for d in declared if d.endswith("]") and "[" in d}:
        return True
    # namespace packages (google-cloud-storage) and import names that are a prefix of the
    # distribution (railroad -> railroad-diagrams); a plugin (flask-cors) also brings its host;
    # a fork published under its maintainer's prefix (someone-json-logic provides json_logic)
    if any(d.startswith(norm + "-") or d.endswith("-" + norm) for d in declared):
        return True
    squashed = top.lower().replace("_", "")
    # aliyun-python-sdk-core provides aliyunsdkcore: the words of the name run together, without
    # the "python" that says which language the SDK is for
    if any(d.replace("-", "") == squashed or d.replace("-python-", "-").replace("-", "") == squashed
           for d in declared):
        return True
    # python-redmine provides redminelib, hwi provides hwilib: the distribution's name and "lib"
    if norm.endswith("lib") and len(norm) >= 6 and python_candidates(top[:-3]) & declared:
        return True
    # libusb1 provides usb1: a binding named for the C library it wraps
    if normalize("lib" + top) in declared:
        return True
    # a framework plugin whose import name is the word after the framework's in its distribution
    # name (django-qsstats-magic provides qsstats), or the words after it run together
    # (django-classy-tags provides classytags)
    if len(norm) >= 4 and any(d.count("-") >= 2 and d.split("-", 2)[0] in PLUGIN_HOSTS
                              and (d.split("-", 2)[1] == norm or d.split("-", 1)[1].replace("-", "") == squashed)
                              for d in declared):
        return True
    # a fork published with a new major number (django-q2 provides django_q), also of a plugin named
    # after its host (django-livesettings3 provides livesettings)
    if any(d[len(norm):].lstrip("-").isdigit() and d.startswith(norm) and d != norm for d in declared):
        return True
    if len(norm) >= 4 and any(d.rstrip("0123456789") != d and d.split("-", 1)[0] in PLUGIN_HOSTS
                              and d.split("-", 1)[-1].rstrip("0123456789").rstrip("-") == norm for d in declared):
        return True
    return bool(set(installed_providers().get(top, ())) & declared)


def npm_package_of(specifier: str) -> str | None:
    """The package an import specifier names, or None for relative, builtin, URL and alias imports."""
    s = specifier.strip()
    if not s or s.startswith((".", "/", "#", "~", "$", "@/", "node:", "bun:", "deno:")) or ":" in s:
        return None
    if "\\" in s or " " in s or "{" in s or "*" in s:
        return None
    parts = s.split("/")
    if s.startswith("@"):
        if len(parts) < 2 or not parts[1]:
            return None
        return f"{parts[0]}/{parts[1]}".lower()
    if parts[0] in node_builtins():
        return None
    return parts[0].lower()


@lru_cache(maxsize=1)
def npm_brings() -> dict[str, tuple[str, ...]]:
    """npm package -> packages it always installs (its `dependencies`), as far as the data knows."""
    data = _import_data().get("npm-brings") or {}
    return {str(k).lower(): tuple(str(d).lower() for d in v or ()) for k, v in data.items()}


def brought_by(declared: Iterable[str], depth: int = 3) -> set[str]:
    """The packages that the declared ones install with them, following the data's dependencies
    of dependencies (a plugin's library and that library's own: `gatsby-plugin-typography` ->
    `typography` -> `gray-percentage`) up to `depth` levels."""
    known = npm_brings()
    seen: set[str] = set()
    frontier = set(declared)
    for _ in range(depth):
        frontier = {b for d in frontier for b in known.get(d, ())} - seen
        if not frontier:
            break
        seen |= frontier
    return seen


def local_module_spelled(specifier: str, local: Iterable[str]) -> bool:
    """A bare specifier with capitals (`require('hasOwnProperty')`, `require('Store')`) names a
    module of the project when a file or folder of that name exists, in any case (`store.js`):
    new npm package names are lower-case, and `npm_package_of` lowers the name before it is
    compared with the project's own names."""
    head = specifier.split("/", 1)[0]
    if head == head.lower() or head.startswith("@"):
        return False
    lowered = head.lower()
    return any(name.lower() == lowered for name in local)


def npm_name_valid(specifier: str) -> bool:
    """Whether the package part of a bare specifier can be a registry name: npm has never allowed
    a name that starts with `_` or `.` (`require('_genericmarshal')` is a runtime's own module)."""
    head = specifier.split("/", 1)[0]
    return not head.startswith(("_", "."))


def resolves_bare_names_locally(specifiers: Iterable[str], facts: dict) -> bool:
    """Some slash-free bare specifier of the file is neither declared, nor a builtin, nor brought
    by a declared package, but is the name of a file or folder of the project: Node would not
    find it in node_modules, so the file runs under a loader that resolves names itself."""
    declared = set(facts.get("npm", ()))
    local = set(facts.get("local", ()))
    known = npm_brings()
    for spec in specifiers:
        if "/" in spec:
            continue
        package = npm_package_of(spec)
        if package is None or package in declared or f"@types/{package}" in declared:
            continue
        if any(package in known.get(d, ()) for d in declared):
            continue
        if package in local:
            return True
    return False


def scope_owned(package: str, facts: dict) -> bool:
    """A scoped package (`@org/name`) whose scope is the project's own (its package.json's name)
    or a declared dependency's: npm scopes belong to one user or organisation, so nobody else can
    publish a look-alike there; an undeclared name in such a scope is a forgotten declaration or
    a sibling package of the same organisation, not an invented name anyone could register."""
    if not package.startswith("@") or "/" not in package:
        return False
    scope = package.split("/", 1)[0]
    # ("@org" alone: the own name as a single-file scan lists it, split at the slash, or a folder)
    return any(str(name).lower() == scope or str(name).lower().startswith(scope + "/")
               for name in (*facts.get("npm", ()), *facts.get("local", ())))


def npm_import_declared(package: str, facts: dict) -> bool:
    declared = set(facts.get("npm", ()))
    if package in declared or f"@types/{package}" in declared:
        return True
    if package in brought_by(declared):
        return True  # a dependency of a declared package (or of one of its own): installed with it
    local = set(facts.get("local", ()))
    return package in local or package.split("/")[-1] in local and package.startswith("@") is False


@lru_cache(maxsize=4)
def legitimate_names(ecosystem: str) -> frozenset[str]:
    """Every popular name, and long-used packages just outside the popular list that are one edit
    from a popular one (`string`, `astring`): names of their own, never typos."""
    return frozenset(popular(ecosystem)) | frozenset(n.lower() for n in _data_lines(f"established-{ecosystem}.txt"))
