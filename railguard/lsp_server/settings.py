"""Settings and engines, resolved per workspace folder.

Each folder has its own project configuration (`.railguard.toml` or `[tool.railguard]` in
pyproject.toml, found from the folder upwards), its own Engine (rules loaded and queries
compiled once, reused for every keystroke) and its own baseline. The editor's settings
(initializationOptions, then workspace/configuration for the folder) override the
project's `[tool.railguard.lsp]` section:

    {"railguard": {"scanOn": "type" | "save", "debounceMs": 150, "workspaceScan": false,
                   "configFile": "", "severity": "low", "confidence": "low"}}
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from railguard.config import Config, Threshold, load_config, project_root
from railguard.engine.baseline import Baseline
from railguard.engine.engine import Engine
from railguard.engine.policy import PolicyStage
from railguard.model import DEFAULT_BASELINE, Confidence, Notice, RailguardError, Severity

__all__ = ["DEFAULT_BASELINE", "Folder", "Folders", "Settings", "client_section", "resolve_settings"]
SCAN_ON = ("type", "save")

# client setting -> (config key in [tool.railguard.lsp], type)
_CLIENT_KEYS: dict[str, tuple[str, type]] = {
    "scanOn": ("scan-on", str),
    "debounceMs": ("debounce-ms", int),
    "workspaceScan": ("workspace-scan", bool),
}


@dataclass(frozen=True)
class Settings:
    scan_on: str = "type"
    debounce_ms: int = 150
    workspace_scan: bool = False
    config_file: str = ""
    severity: str = ""
    confidence: str = ""


def client_section(raw: Any) -> dict[str, Any]:
    """The railguard settings in what a client sent: {"railguard": {...}} or the section itself."""
    if not isinstance(raw, dict):
        return {}
    inner = raw.get("railguard")
    return inner if isinstance(inner, dict) else raw


def resolve_settings(config: Config, *client: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Project file first, then each client layer in order. Returns the settings and problems."""
    values: dict[str, Any] = {
        "scan_on": config.get("scan-on", "lsp"),
        "debounce_ms": config.get("debounce-ms", "lsp"),
        "workspace_scan": config.get("workspace-scan", "lsp"),
        "config_file": "", "severity": "", "confidence": "",
    }
    problems: list[str] = []
    for layer in client:
        for key, value in layer.items():
            if key in _CLIENT_KEYS:
                _config_key, kind = _CLIENT_KEYS[key]
                ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
                if not ok:
                    problems.append(f"setting railguard.{key} must be {kind.__name__}, not {type(value).__name__}")
                    continue
                values[{"scanOn": "scan_on", "debounceMs": "debounce_ms", "workspaceScan": "workspace_scan"}[key]] = value
            elif key in ("configFile", "severity", "confidence"):
                if isinstance(value, str):
                    values[{"configFile": "config_file"}.get(key, key)] = value
                else:
                    problems.append(f"setting railguard.{key} must be a string")
    if values["scan_on"] not in SCAN_ON:
        problems.append(f"setting scanOn must be one of {', '.join(SCAN_ON)}, not {values['scan_on']!r}")
        values["scan_on"] = "type"
    values["debounce_ms"] = max(0, int(values["debounce_ms"]))
    for key, parse in (("severity", Severity.parse), ("confidence", Confidence.parse)):
        if values[key]:
            try:
                parse(values[key])
            except ValueError as exc:
                problems.append(f"setting railguard.{key}: {exc}")
                values[key] = ""
    return Settings(**values), problems


@dataclass
class Folder:
    """One workspace folder (or the project of a file outside every folder)."""

    root: Path
    uri: str = ""
    client_settings: dict[str, Any] = field(default_factory=dict)
    config: Config = field(default_factory=Config)
    settings: Settings = field(default_factory=Settings)
    engine: Engine | None = None
    baseline: Baseline = field(default_factory=Baseline)
    notices: list[Notice] = field(default_factory=list)
    loaded_config_file: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def policy(self) -> PolicyStage:
        """The project's policy stage (the engine's, once loaded)."""
        if self.engine is not None:
            return self.engine.policy
        return PolicyStage(self.config.policy(), self.config.root)

    @property
    def threshold(self) -> Threshold:
        return self.policy.threshold("editor", self.settings.severity, self.settings.confidence)

    @property
    def baseline_path(self) -> Path:
        return self.policy.baseline_path()

    def display_path(self, fs_path: Path) -> str:
        """A file's path as the CLI reports it: relative to the project root, POSIX separators."""
        try:
            return fs_path.resolve().relative_to(self.config.root.resolve()).as_posix()
        except (ValueError, OSError):
            return fs_path.as_posix()

    def excluded(self, display: str, location: Path | None = None) -> bool:
        return self.policy.exclude_reason(display, location) is not None

    def config_file_setting(self, init_options: dict[str, Any]) -> str:
        value = client_section(self.client_settings).get("configFile") or init_options.get("configFile")
        return value if isinstance(value, str) else ""

    def resolve_settings(self, init_options: dict[str, Any]) -> bool:
        """Apply changed client settings without reloading rules. False if they name
        another config file (then load() is needed)."""
        if self.config_file_setting(init_options) != self.loaded_config_file:
            return False
        self.settings, problems = resolve_settings(self.config, init_options, client_section(self.client_settings))
        self.notices += [Notice(str(self.root), p, "warning") for p in problems]
        return True

    def load_config(self, init_options: dict[str, Any]) -> None:
        """Read the project config (cheap: one TOML file). Never raises."""
        config_file = self.config_file_setting(init_options)
        self.loaded_config_file = config_file
        try:
            if isinstance(config_file, str) and config_file:
                cf = Path(config_file)
                self.config = load_config(self.root, str(cf if cf.is_absolute() else self.root / cf))
            else:
                self.config = load_config(self.root)
        except RailguardError as exc:
            self.notices.append(Notice(str(self.root), f"{exc} (using the defaults)", "error"))
            self.config = Config(root=project_root(self.root))

    def load(self, init_options: dict[str, Any]) -> None:
        """(Re)read the project config, settings, rules and baseline. Never raises."""
        self.notices = []
        self.load_config(init_options)
        self.settings, problems = resolve_settings(self.config, init_options, client_section(self.client_settings))
        self.notices += [Notice(str(self.root), p, "warning") for p in problems]
        # the first scan of a language compiles only the rules that may match the document;
        # the server compiles the whole language query after it (see warm_up)
        self.engine = Engine(self.config, small_scan=True)
        self.notices += self.engine.load_notices
        self.load_baseline()

    def warm_up(self, language: str) -> None:
        """Compile the whole query of a language, so that later scans (and partial
        re-scans after an edit) use it."""
        engine = self.engine
        if engine is None or "query" not in engine.analyzer_names:
            return
        engine.analyzer("query").warm_up(language)

    def load_baseline(self) -> None:
        try:
            self.baseline = self.policy.load_baseline() or Baseline()
        except RailguardError as exc:
            self.notices.append(Notice(str(self.baseline_path), str(exc), "error"))
            self.baseline = Baseline()


class Folders:
    """Workspace folders by root, longest root first; files outside them get their own project."""

    def __init__(self, init_options: dict[str, Any] | None = None) -> None:
        self.init_options = client_section(init_options or {})
        self.folders: dict[Path, Folder] = {}
        self.loose: dict[Path, Folder] = {}  # projects of files outside every folder

    def add(self, root: Path, uri: str = "") -> Folder:
        folder = Folder(root=root, uri=uri)
        folder.load_config(self.init_options)  # paths are reported relative to its root
        self.folders[root] = folder
        return folder

    def remove(self, root: Path) -> None:
        self.folders.pop(root, None)

    def all(self) -> list[Folder]:
        return [*self.folders.values(), *self.loose.values()]

    def for_path(self, fs_path: Path) -> Folder:
        best: Folder | None = None
        for root, folder in self.folders.items():
            if fs_path == root or root in fs_path.parents:
                if best is None or len(root.parts) > len(best.root.parts):
                    best = folder
        if best is not None:
            return best
        try:  # one project per config file (or git root), loaded lazily on the worker
            root = load_config(fs_path.parent).root
        except (RailguardError, OSError):
            root = fs_path.parent
        folder = self.loose.get(root)
        if folder is None:
            folder = self.loose[root] = Folder(root=root)
            folder.load_config(self.init_options)
        return folder
