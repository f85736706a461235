"""railguard switched off in its own configuration (pyproject.toml [tool.railguard], .railguard.toml)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from railguard.engine.ai.common import Hit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CATCH_ALL = {"*", "**", "**/*", "/", ".", "./", "*.*", "/**", "**/"}


def _key_span(text: str, key: str, after: int = 0) -> tuple[int, int]:
    m = re.compile(r"(?m)^[ \t]*" + re.escape(key) + r"[ \t]*=[^\n]*").search(text, after)
    return (m.start(), m.end()) if m else (0, 0)


def _section_start(text: str, header: str) -> int:
    m = re.compile(r"(?m)^[ \t]*\[" + re.escape(header) + r"\][ \t]*$").search(text)
    return m.end() if m else 0


def railguard_config_hits(path: str, text: str) -> Iterator[Hit]:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return
    if path.rsplit("/", 1)[-1] == "pyproject.toml":
        cfg = data.get("tool", {}).get("railguard") if isinstance(data.get("tool"), dict) else None
        base = "tool.railguard"
    else:
        cfg = data.get("tool", {}).get("railguard", data) if isinstance(data.get("tool"), dict) else data
        base = "tool.railguard" if "tool" in data else ""
    if not isinstance(cfg, dict):
        return
    top = _section_start(text, base) if base else 0

    def hit(key: str, problem: str, section: str = "") -> Hit:
        header = ".".join(p for p in (base, section) if p)
        start = _section_start(text, header) if header else top
        s, e = _key_span(text, key, start)
        return Hit("railguard-disabled", s, e, {"setting": f"{section + '.' if section else ''}{key}", "problem": problem})

    if cfg.get("analyzers") == []:
        yield hit("analyzers", "no analyzer runs")
    for key in ("exclude", "extend-exclude"):
        items = cfg.get(key)
        if isinstance(items, list) and any(isinstance(i, str) and i.strip() in CATCH_ALL for i in items):
            yield hit(key, "every file is excluded")
    disable = cfg.get("disable")
    if isinstance(disable, list) and any(isinstance(i, str) and i.strip() in ("*", "") for i in disable):
        yield hit("disable", "every rule is disabled")
    secrets = cfg.get("secrets")
    if isinstance(secrets, dict) and secrets.get("enabled") is False:
        yield hit("enabled", "secret detection is off", "secrets")
    hook = cfg.get("hook")
    if isinstance(hook, dict) and hook.get("fail-open") is True:
        yield hit("fail-open", "the commit hook lets commits through when it fails", "hook")
