"""The user's own folders, outside every scanned repository: the cache, the state (the key
that signs cache entries, the audit anchors) and the user-level configuration.

These are on the trusted side of railguard's trust boundary (docs/security.md): a scanned
repository can write its own files, not these. Each honours its XDG variable and a
RAILGUARD_* override (tests, CI runners with a read-only home).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

KEY_BYTES = 32


def _xdg(env: str, fallback: str, override: str) -> Path:
    if os.environ.get(override):
        return Path(os.environ[override])
    base = os.environ.get(env) or os.path.join(os.path.expanduser("~"), fallback)
    return Path(base) / "railguard"


def user_cache_dir() -> Path:
    return _xdg("XDG_CACHE_HOME", ".cache", "RAILGUARD_CACHE_DIR")


def user_state_dir() -> Path:
    return _xdg("XDG_STATE_HOME", os.path.join(".local", "state"), "RAILGUARD_STATE_DIR")


def user_config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config", "RAILGUARD_CONFIG_DIR")


def repo_key(root: Path) -> str:
    """A short stable name for a repository (its resolved path), for per-repository folders."""
    resolved = str(root.resolve())
    return f"{Path(resolved).name[:32]}-{hashlib.sha256(resolved.encode('utf-8', 'surrogateescape')).hexdigest()[:16]}"


def is_inside(path: Path, folders: tuple[Path, ...]) -> bool:
    """Whether path, with every symbolic link resolved, lies in one of folders (also resolved)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return False
    for folder in folders:
        try:
            real.relative_to(folder.resolve())
            return True
        except (ValueError, OSError, RuntimeError):
            continue
    return False


def secret_key(name: str = "cache-key") -> bytes:
    """A random key kept in the user's state dir (created 0600 on first use). Signs what
    railguard writes to caches so that an entry it did not write is never believed.

    Raises OSError when the state dir cannot hold it (the caller then works without a cache).
    """
    folder = user_state_dir()
    path = folder / name
    try:
        data = path.read_bytes()
        if len(data) >= KEY_BYTES:
            return data
    except FileNotFoundError:
        pass
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(KEY_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        data = path.read_bytes()
        if len(data) < KEY_BYTES:
            raise OSError(f"{path}: key file is too short") from None
        return data
    try:
        os.write(fd, key)
    finally:
        os.close(fd)
    return key
