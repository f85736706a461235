"""The user-level config: `config.toml` in the user's config dir (XDG_CONFIG_HOME/railguard).

It is on the trusted side of the boundary (docs/security.md): a repository cannot write it.
So it alone may point caches outside the repository or accept what a repository's config must
not decide for itself: weakening railguard, and files whose analysis timed out. Whatever it
accepts is written to the audit log at the commit gate.

    cache-dir = "/fast/disk/railguard"     # every repository's caches (one folder each)
    allow-timeout = false                  # a file whose analysis timed out does not block
    accept-weakened-config = false         # policy.config-weakens-guardrail is not reported
    resident = false                       # the commit hook may use a resident process (railguard daemon)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache

from railguard.model import RailguardError
from railguard.userdirs import user_config_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS: dict[str, type] = {"cache-dir": str, "allow-timeout": bool, "accept-weakened-config": bool,
                         "resident": bool}  # read by railguard.resident.client (standard library only)


@dataclass(frozen=True)
class UserConfig:
    source: str = ""
    cache_dir: str = ""
    allow_timeout: bool = False
    accept_weakened_config: bool = False


@lru_cache(maxsize=1)
def load_user_config() -> UserConfig:
    """The user's config, or the defaults when there is none. Raises RailguardError naming the
    file and the key when it is malformed."""
    path = user_config_dir() / "config.toml"
    try:
        raw = tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return UserConfig()
    except OSError as exc:
        raise RailguardError(f"{path}: cannot read the user config: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RailguardError(f"{path}: invalid TOML: {exc}") from None
    for key, value in raw.items():
        if key not in KEYS:
            raise RailguardError(f"{path}: unknown key '{key}' (known keys: {', '.join(KEYS)})")
        if not isinstance(value, KEYS[key]):
            raise RailguardError(f"{path}: '{key}' must be {KEYS[key].__name__}")
    return UserConfig(str(path), str(raw.get("cache-dir", "")), bool(raw.get("allow-timeout", False)),
                      bool(raw.get("accept-weakened-config", False)))
