"""Configuration: `[tool.railguard]` in pyproject.toml or a `.railguard.toml`, found by walking up.

Every key is declared in SCHEMA with its type and default, so an unknown key or
a wrong type is an error that names the key and the file. No config at all
gives the defaults. Loading is data only (tomllib).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from railguard.model import (
    DEFAULT_BASELINE,
    Confidence,
    Policy,
    RailguardError,
    Severity,
    Surface,
    Threshold,
    Thresholds,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = (".railguard.toml", "pyproject.toml")
SURFACES = tuple(s.value for s in Surface)
__all__ = ["Config", "Threshold", "load_config", "default_config", "SCHEMA", "SURFACES"]
DEFAULT_ANALYZERS = ["query", "text", "secrets", "access", "taint", "ai"]

# section -> key -> (accepted types, default). "" is the top level.
SCHEMA: dict[str, dict[str, tuple[tuple[type, ...], Any]]] = {
    "": {
        "packs": ((list,), []),
        "enable": ((list,), []),
        "disable": ((list,), []),
        "exclude": ((list,), []),
        "extend-exclude": ((list,), []),
        "include": ((list,), []),
        "default-excludes": ((bool,), True),
        "max-file-size": ((int,), 2_000_000),
        "baseline": ((str,), ""),
        "analyzers": ((list,), DEFAULT_ANALYZERS),
        "severity-overrides": ((dict,), {}),
        "cache": ((bool,), True),
        "cache-dir": ((str,), ""),  # "": the user's cache dir, one folder per repository
        "jobs": ((int,), 0),
        "file-timeout": ((int, float), 10.0),
        "suppression-requires-reason": ((bool,), True),
        "docs-url": ((str,), ""),
    },
    "thresholds": {
        "editor": ((dict,), {"severity": "low", "confidence": "low"}),
        "commit": ((dict,), {"severity": "high", "confidence": "medium"}),
        "ci": ((dict,), {"severity": "medium", "confidence": "medium"}),
        "agent": ((dict,), {"severity": "medium", "confidence": "low"}),
    },
    "tests": {
        "downgrade": ((bool,), True),
        "severity": ((str,), "low"),
        "paths": ((list,), []),
        "private-keys": ((bool,), False),
    },
    "secrets": {
        "enabled": ((bool,), True),
        "entropy": ((bool,), True),
        "custom-patterns": ((list,), []),
        "detect-secrets-baseline": ((str,), ".secrets.baseline"),
        "sensitive-data": ((bool,), True),
        "exclude-providers": ((list,), []),
        "base64-limit": ((int, float), 4.5),
        "hex-limit": ((int, float), 3.0),
    },
    "access": {
        "auth-markers": ((list,), []),
        "public-markers": ((list,), []),
        "public-paths": ((list,), []),
    },
    "lsp": {
        "scan-on": ((str,), "type"),
        "debounce-ms": ((int,), 150),
        "workspace-scan": ((bool,), False),
    },
    "hook": {
        "fail-open": ((bool,), False),
        "audit-log": ((str,), ""),
        "ai-assisted-threshold": ((dict,), {"severity": "medium", "confidence": "medium"}),
        "ai-trailers": ((list,), []),
    },
    "telemetry": {
        "enabled": ((bool,), False),  # OpenTelemetry; the endpoint comes only from OTEL_* variables
    },
    "semgrep": {
        "enabled": ((bool,), False),
        "include-bundled": ((bool,), True),
        "configs": ((list,), []),
        "timeout": ((int, float), 120),
        "max-target-bytes": ((int,), 1_000_000),
        "surfaces": ((list,), ["ci", "save"]),
        "fail-closed": ((bool,), True),
    },
}


@dataclass(frozen=True)
class Config:
    """The configuration as loaded and validated. Front ends that change it (command-line
    options, hook arguments) make a new one with `with_values`; `policy()` gives the typed
    view the policy stage reads."""

    root: Path = field(default_factory=lambda: Path.cwd())
    source: str = ""  # the file it came from; "" for defaults
    values: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)

    def with_values(self, section: str = "", **changes: Any) -> Config:
        """A copy with keys of one section changed (keys with '-' are given with '_')."""
        values = {name: dict(sect) for name, sect in self.values.items()}
        sect = values.setdefault(section, {})
        for key, value in changes.items():
            key = key.replace("_", "-")
            if key not in SCHEMA[section]:
                raise KeyError(f"unknown config key {key!r} in section {section!r}")
            sect[key] = value
        return replace(self, values=values)

    def get(self, key: str, section: str = "") -> Any:
        sect = self.values.get(section, {})
        if key in sect:
            return sect[key]
        return SCHEMA[section][key][1]

    def section(self, name: str) -> dict[str, Any]:
        return {k: self.get(k, name) for k in SCHEMA[name]}

    def threshold(self, surface: Surface | str) -> Threshold:
        return self.thresholds().for_surface(surface)

    def thresholds(self) -> Thresholds:
        def parse(raw: dict[str, Any], default: Threshold) -> Threshold:
            return Threshold(Severity.parse(raw["severity"]) if "severity" in raw else default.severity,
                             Confidence.parse(raw["confidence"]) if "confidence" in raw else default.confidence)

        defaults = Thresholds()
        per_surface = {s.value: parse(self.get(s.value, "thresholds"), defaults.for_surface(s)) for s in Surface}
        return Thresholds(**per_surface, ai_assisted=parse(self.get("ai-assisted-threshold", "hook"),
                                                           defaults.ai_assisted))

    def policy(self) -> Policy:
        """The typed, frozen view of what decides what callers see (validated at load)."""
        baseline = str(self.get("baseline"))
        overrides = tuple((rid, Severity.parse(str(sev))) for rid, sev in self.get("severity-overrides").items())
        return Policy(
            thresholds=self.thresholds(),
            severity_overrides=overrides,
            excludes=tuple(self.excludes),
            include=tuple(self.get("include")),
            default_excludes=bool(self.get("default-excludes")),
            baseline=baseline or DEFAULT_BASELINE,
            max_file_size=self.max_file_size,
            test_downgrade=bool(self.get("downgrade", "tests")),
            test_severity=Severity.parse(str(self.get("severity", "tests"))),
            test_paths=tuple(self.get("paths", "tests")),
            test_private_keys=bool(self.get("private-keys", "tests")),
        )

    @property
    def analyzers(self) -> list[str]:
        names = list(self.get("analyzers"))
        if (self.get("enabled", "semgrep") or self.get("configs", "semgrep")) and "semgrep" not in names:
            names.append("semgrep")  # the optional backend is switched on in its own section
        return names

    @property
    def excludes(self) -> list[str]:
        return list(self.get("exclude")) + list(self.get("extend-exclude"))

    @property
    def max_file_size(self) -> int:
        return int(self.get("max-file-size"))

    def severity_override(self, rule_id: str) -> Severity | None:
        value = self.get("severity-overrides").get(rule_id)
        return Severity.parse(value) if value else None


def _check(values: dict[str, Any], section: str, source: str) -> dict[str, Any]:
    schema = SCHEMA[section]
    prefix = f"tool.railguard.{section}." if section else "tool.railguard."
    out: dict[str, Any] = {}
    for key, value in values.items():
        if section == "" and key in SCHEMA and key != "" and isinstance(value, dict):
            continue  # a sub-section, checked by the caller
        if key not in schema:
            known = ", ".join(sorted(k for k in schema))
            raise RailguardError(f"{source}: unknown key '{prefix}{key}' (known keys: {known})")
        types, _default = schema[key]
        if isinstance(value, bool) and bool not in types:
            ok = False
        else:
            ok = isinstance(value, types)
        if not ok:
            want = " or ".join(t.__name__ for t in types)
            raise RailguardError(f"{source}: '{prefix}{key}' must be {want}, not {type(value).__name__}")
        out[key] = value
    return out


def _validate(raw: dict[str, Any], source: str) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {"": _check(raw, "", source)}
    for name in SCHEMA:
        if name and name in raw:
            if not isinstance(raw[name], dict):
                raise RailguardError(f"{source}: 'tool.railguard.{name}' must be a table")
            values[name] = _check(raw[name], name, source)
    for surface, value in values.get("thresholds", {}).items():
        _check_threshold(value, f"tool.railguard.thresholds.{surface}", source)
    for rule_id, sev in values[""].get("severity-overrides", {}).items():
        try:
            Severity.parse(str(sev))
        except ValueError as exc:
            raise RailguardError(f"{source}: 'tool.railguard.severity-overrides.{rule_id}': {exc}") from None
    for key in ("packs", "enable", "disable", "exclude", "extend-exclude", "include", "analyzers"):
        items = values[""].get(key, [])
        if not all(isinstance(i, str) for i in items):
            raise RailguardError(f"{source}: 'tool.railguard.{key}' must be a list of strings")
    tests = values.get("tests", {})
    if "severity" in tests:
        try:
            Severity.parse(str(tests["severity"]))
        except ValueError as exc:
            raise RailguardError(f"{source}: 'tool.railguard.tests.severity': {exc}") from None
    if not all(isinstance(i, str) for i in tests.get("paths", [])):
        raise RailguardError(f"{source}: 'tool.railguard.tests.paths' must be a list of strings")
    _check_threshold(values.get("hook", {}).get("ai-assisted-threshold", {}),
                     "tool.railguard.hook.ai-assisted-threshold", source)
    return values


def _check_threshold(value: dict[str, Any], where: str, source: str) -> None:
    """A threshold table has a severity and a confidence, each a known level."""
    for k, v in value.items():
        try:
            if k == "severity":
                Severity.parse(str(v))
            elif k == "confidence":
                Confidence.parse(str(v))
            else:
                raise ValueError(f"unknown key {k!r}")
        except ValueError as exc:
            raise RailguardError(f"{source}: '{where}': {exc}") from None


# Paths a repository's config may set: they must stay inside the repository (docs/security.md).
CONFINED_PATHS = (("", "cache-dir"), ("", "baseline"), ("hook", "audit-log"), ("secrets", "detect-secrets-baseline"))


def confine_paths(values: dict[str, dict[str, Any]], source: str) -> None:
    """Refuse absolute, home-relative and `..` paths for the keys a repository may not point
    outside itself (an audit log written into a file a shell sources is code execution)."""
    for section, key in CONFINED_PATHS:
        value = values.get(section, {}).get(key)
        if not isinstance(value, str) or not value:
            continue
        name = f"tool.railguard.{section + '.' if section else ''}{key}"
        pure = Path(value.replace("\\", "/"))
        if value.startswith("~") or pure.is_absolute() or ".." in pure.parts or (len(value) > 1 and value[1] == ":"):
            raise RailguardError(
                f"{source}: '{name}' = {value!r} leaves the repository; a repository's config may only name "
                "paths inside it (the user-level config may point elsewhere)")


def load_config_file(path: Path) -> Config:
    """Load one config file. Raises RailguardError naming the file and the problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RailguardError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    return load_config_data(data, path)


def load_config_data(content: bytes, path: Path) -> Config:
    """A config file's content as read from `path` (on disk, or the version in git's index)."""
    try:
        data = tomllib.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        raise RailguardError(f"{path}: config is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise RailguardError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        raw = data.get("tool", {}).get("railguard", {})
    else:
        raw = data.get("tool", {}).get("railguard", data)
    if not isinstance(raw, dict):
        raise RailguardError(f"{path}: [tool.railguard] must be a table")
    values = _validate(raw, str(path))
    confine_paths(values, str(path))
    return Config(root=path.parent, source=str(path), values=values)


def _has_railguard_section(pyproject: Path) -> bool:
    try:
        return b"[tool.railguard" in pyproject.read_bytes()
    except OSError:
        return False


def find_config_file(start: Path) -> Path | None:
    """The nearest .railguard.toml, or pyproject.toml with [tool.railguard], from start upwards."""
    start = start.resolve()
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        candidate = folder / ".railguard.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_railguard_section(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def project_root(start: Path) -> Path:
    """The git work tree that holds start, else start's folder."""
    start = start.resolve()
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    cwd = Path.cwd().resolve()
    return cwd if here == cwd or cwd in here.parents else here


def load_config(start: str | os.PathLike[str] = ".", explicit: str | None = None) -> Config:
    if explicit:
        return load_config_file(Path(explicit))
    found = find_config_file(Path(start))
    if found is None:
        return Config(root=project_root(Path(start)))
    return load_config_file(found)


def default_config(root: str | os.PathLike[str] = ".") -> Config:
    return Config(root=Path(root).resolve())
