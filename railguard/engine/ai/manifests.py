"""Dependency manifests read as data: which distributions a file declares, where its names stand.

requirements*.txt, pyproject.toml (PEP 621, dependency groups, Poetry, PDM, build requires),
setup.cfg, setup.py (string literals only, never executed), Pipfile, package.json and package.json5
(JSON5 manifests that a build merges: pnpm, npm-mjs). Nothing here runs or imports the scanned
project's code.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from railguard.engine.ai.jsonc import JsoncError, parse_jsonc

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYTHON_DEP_FILES = ("pyproject.toml", "setup.cfg", "setup.py", "Pipfile")
_REQ_FILE = re.compile(r"(?:^|/)(?:[\w.-]*requirements[\w.-]*|constraints[\w.-]*|requirements/[\w.-]+)\.(?:txt|in)$", re.I)
NPM_DEP_FILES = ("package.json", "package.json5")
NPM_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


_EXTRAS = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*\[([^\]]+)\]")


def extras_of(spec: str) -> list[str]:
    """`Django[argon2,bcrypt]>=5` -> ["django[argon2]", "django[bcrypt]"]: what the extras add is data."""
    m = _EXTRAS.match(spec)
    if not m:
        return []
    return [f"{normalize(m.group(1))}[{normalize(e.strip())}]" for e in m.group(2).split(",") if e.strip()]


def is_requirements_file(path: str) -> bool:
    return bool(_REQ_FILE.search(path.replace("\\", "/")))


def is_dependency_file(path: str) -> bool:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name in PYTHON_DEP_FILES or name in NPM_DEP_FILES or is_requirements_file(path)


# ------------------------------------------------------------------ reading dependency files


@dataclass(frozen=True)
class Declared:
    name: str  # as written
    start: int  # character offsets of the name in the file
    end: int
    ecosystem: str  # pypi | npm


def _req_name(spec: str) -> str | None:
    spec = spec.strip()
    if not spec or spec.startswith(("-", "#", ".", "/", "git+", "http:", "https:", "file:")):
        m = re.search(r"#egg=([A-Za-z0-9][\w.-]*)", spec)
        return m.group(1) if m else None
    m = _NAME.match(spec)
    return m.group(1) if m else None


def requirements_declared(text: str) -> Iterator[Declared]:
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.split(" #", 1)[0].rstrip("\r\n")
        name = _req_name(body)
        if name:
            idx = body.find(name)
            if idx >= 0:
                yield Declared(name, pos + idx, pos + idx + len(name), "pypi")
        pos += len(line)


def _locate(text: str, name: str, start: int = 0) -> tuple[int, int]:
    m = re.search(r"""(?<![\w.-])""" + re.escape(name) + r"""(?![\w-])""", text[start:])
    if m:
        return start + m.start(), start + m.end()
    return 0, 0


def _pep508_names(items: Iterable) -> Iterator[str]:
    for item in items:
        if isinstance(item, str):
            name = _req_name(item)
            if name:
                yield name
        elif isinstance(item, dict) and isinstance(item.get("include-group"), str):
            continue


def pyproject_declared(text: str) -> Iterator[Declared]:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return
    names: list[str] = []
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    names += _pep508_names(project.get("dependencies") or [])
    for group in (project.get("optional-dependencies") or {}).values():
        if isinstance(group, list):
            names += _pep508_names(group)
    for group in (data.get("dependency-groups") or {}).values():
        if isinstance(group, list):
            names += _pep508_names(group)
    build = data.get("build-system") if isinstance(data.get("build-system"), dict) else {}
    names += _pep508_names(build.get("requires") or [])
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    for key in ("dependencies", "dev-dependencies"):
        if isinstance(poetry.get(key), dict):
            names += [n for n in poetry[key] if n.lower() != "python"]
    for group in (poetry.get("group") or {}).values():
        if isinstance(group, dict) and isinstance(group.get("dependencies"), dict):
            names += list(group["dependencies"])
    pdm = tool.get("pdm") if isinstance(tool.get("pdm"), dict) else {}
    for group in (pdm.get("dev-dependencies") or {}).values():
        if isinstance(group, list):
            names += _pep508_names(group)
    uv = tool.get("uv") if isinstance(tool.get("uv"), dict) else {}
    names += _pep508_names(uv.get("dev-dependencies") or [])
    seen: set[str] = set()
    for name in names:
        if name in seen:
            continue
        seen.add(name)
        s, e = _locate(text, name)
        yield Declared(name, s, e, "pypi")


def poetry_extras(text: str) -> list[str]:
    """`geoalchemy2 = {version = "0.20", extras = ["shapely"]}` in Poetry's dependency tables ->
    ["geoalchemy2[shapely]"] (the PEP 508 spelling `extras_of` gives for other manifests)."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    tables = [poetry.get(key) for key in ("dependencies", "dev-dependencies")]
    tables += [g.get("dependencies") for g in (poetry.get("group") or {}).values() if isinstance(g, dict)]
    out = []
    for table in tables:
        for name, spec in (table or {}).items() if isinstance(table, dict) else ():
            extras = spec.get("extras") if isinstance(spec, dict) else None
            if isinstance(extras, list):
                out += [f"{normalize(name)}[{normalize(e)}]" for e in extras if isinstance(e, str)]
    return out


def setup_cfg_declared(text: str) -> Iterator[Declared]:
    import configparser  # here: only a project with a setup.cfg needs it

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return
    values: list[str] = []
    if parser.has_section("options"):
        for key in ("install_requires", "setup_requires", "tests_require"):
            values += parser.get("options", key, fallback="").splitlines()
    if parser.has_section("options.extras_require"):
        for _k, v in parser.items("options.extras_require"):
            values += v.splitlines()
    for name in dict.fromkeys(_pep508_names(values)):
        s, e = _locate(text, name)
        yield Declared(name, s, e, "pypi")


_SETUP_KEY = re.compile(r"\b\w*(?:require|depend|deps)\w*[\"']?\s*[=:]\s*(?=[\[{(])", re.IGNORECASE)
_STRING = re.compile(r"""["']([^"'\n]+)["']""")
_OPEN = {"[": "]", "{": "}", "(": ")"}


def _bracketed(text: str, start: int, limit: int = 20000) -> int:
    """End of the bracketed expression that opens at start (strings are not special-cased)."""
    depth = 0
    for i in range(start, min(len(text), start + limit)):
        c = text[i]
        if c in _OPEN:
            depth += 1
        elif c in "]})":
            depth -= 1
            if depth == 0:
                return i + 1
    return start


def setup_py_declared(text: str) -> Iterator[Declared]:
    """String literals in install_requires=[...], extras_require={...} and in lists assigned to
    names such as `requires` or `REQUIREMENTS`: read as text, never run."""
    seen: set[int] = set()
    for m in _SETUP_KEY.finditer(text):
        end = _bracketed(text, m.end())
        for s in _STRING.finditer(text, m.end(), end):
            name = _req_name(s.group(1))
            if not name or s.start(1) in seen or text[s.end(1) + 1 : s.end(1) + 3].lstrip().startswith(":"):
                continue  # dict keys of extras_require are extra names, not packages
            seen.add(s.start(1))
            yield Declared(name, s.start(1), s.start(1) + len(name), "pypi")


def pipfile_declared(text: str) -> Iterator[Declared]:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return
    for section in ("packages", "dev-packages"):
        for name in data.get(section) or {}:
            s, e = _locate(text, name)
            yield Declared(name, s, e, "pypi")


def package_json_declared(text: str, json5: bool = False) -> tuple[list[Declared], list[str]]:
    """(declared dependencies with positions, the package's own name)."""
    try:
        root = parse_jsonc(text, json5)
    except JsoncError:
        return [], []
    if not root.is_object:
        return [], []
    out: list[Declared] = []
    for section in NPM_SECTIONS:
        deps = root.get(section)
        if deps is not None and deps.is_object:
            for name, (ks, ke, _v) in deps.members.items():
                quoted = text[ks : ks + 1] in "\"'"
                out.append(Declared(name, ks + quoted, ke - quoted, "npm"))
    own = root.get("name")
    return out, [own.value] if own is not None and isinstance(own.value, str) else []


def declared_in(path: str, text: str) -> tuple[list[Declared], list[str]]:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if name in NPM_DEP_FILES:
        return package_json_declared(text, json5=name.endswith(".json5"))
    if name == "pyproject.toml":
        own = re.search(r'(?m)^\s*name\s*=\s*["\']([^"\']+)', text)
        return list(pyproject_declared(text)), [own.group(1)] if own else []
    if name == "setup.cfg":
        return list(setup_cfg_declared(text)), []
    if name == "setup.py":
        return list(setup_py_declared(text)), []
    if name == "Pipfile":
        return list(pipfile_declared(text)), []
    if is_requirements_file(path):
        return list(requirements_declared(text)), []
    return [], []
