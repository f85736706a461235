"""Caches that make a second scan of an unchanged tree nearly free, without trusting the tree.

A scanned repository is data (docs/security.md): it can commit a `.railguard_cache/` folder
whose entries say "no findings here". So caches live in the user's cache dir, one folder per
repository, and every entry carries an HMAC-SHA256 over its key (railguard version, rule set
and config via the engine key; the file's content hash; the path) and its value, made with a
key from the user's state dir. An entry that does not verify is a miss, never a result.

A cache that cannot be read or written only makes the run slower; it never changes a finding.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.model import Finding, Notice, RailguardError
from railguard.serialize import finding_from_dict, finding_to_dict
from railguard.userdirs import is_inside, repo_key, secret_key, user_cache_dir

if TYPE_CHECKING:
    from railguard.config import Config


def cache_folder(config: Config) -> tuple[Path | None, Notice | None]:
    """Where this repository's caches go: the user's cache dir (default), or a configured
    `cache-dir` that must stay inside the repository or the user's cache dir (a symbolic link
    out of them is refused with a notice, never written through)."""
    configured = str(config.get("cache-dir") or "")
    user = user_cache_dir()
    if not configured:
        from railguard.userconfig import load_user_config

        try:
            chosen = load_user_config().cache_dir
        except RailguardError:
            chosen = ""
        base = Path(chosen).expanduser() if chosen else user / "repos"
        return base / repo_key(config.root), None
    folder = Path(configured).expanduser()
    if not folder.is_absolute():
        folder = config.root / folder
    if is_inside(folder, (config.root, user)):
        return folder, None
    return None, Notice(configured, "cache-dir leaves the repository (a symbolic link or a path outside it): "
                        "not used, scanning without a cache", "warning")


def _mac(key: bytes, *parts: str) -> str:
    return hmac.new(key, "\0".join(parts).encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()


class SignedStore:
    """{name: [content digest, JSON payload, mac]} in one JSON file; `context` (the engine or
    model key) is part of every mac, so an entry moved between files does not verify either."""

    def __init__(self, path: Path | None, context: str) -> None:
        self.path = path
        self.context = context
        self.entries: dict[str, list] = {}
        self.dirty = False
        self.key: bytes | None = None
        if path is None:
            return
        try:
            self.key = secret_key()
        except OSError:
            self.path = None  # no key, no cache
            return
        try:
            data = json.loads(path.read_bytes())
            if isinstance(data, dict):
                self.entries = data
        except (OSError, ValueError):
            self.entries = {}

    def has(self, name: str) -> bool:
        return name in self.entries

    def get(self, name: str, digest: str) -> Any:
        """The payload stored for name at this digest, or None (absent, stale or not ours)."""
        entry = self.entries.get(name)
        if self.key is None or not isinstance(entry, list) or len(entry) != 3:
            return None
        stored_digest, payload, mac = entry
        if stored_digest != digest or not isinstance(payload, str) or not isinstance(mac, str):
            return None
        if not hmac.compare_digest(mac, _mac(self.key, self.context, name, digest, payload)):
            return None
        try:
            return json.loads(payload)
        except ValueError:
            return None

    def put(self, name: str, digest: str, value: Any) -> None:
        if self.key is None:
            return
        payload = json.dumps(value, separators=(",", ":"), sort_keys=True)
        self.entries[name] = [digest, payload, _mac(self.key, self.context, name, digest, payload)]
        self.dirty = True

    def retain(self, names: set[str]) -> None:
        """Forget entries not in names (files that are gone)."""
        stale = set(self.entries) - names
        for name in stale:
            del self.entries[name]
        self.dirty = self.dirty or bool(stale)

    def save(self) -> None:
        if not self.dirty or self.path is None:
            return
        from railguard.atomic import file_lock, write_atomic

        try:
            folder = self.path.parent
            folder.mkdir(parents=True, exist_ok=True)
            gi = folder / ".gitignore"
            if not gi.exists():
                gi.write_text("*\n")
            with file_lock(self.path):
                write_atomic(self.path, json.dumps(self.entries, separators=(",", ":")))
        except OSError:
            pass  # a cache that cannot be written is only a slower next run


class ScanCache:
    """Findings per file for one engine key (railguard version, rules, config, surface)."""

    def __init__(self, config: Config, engine_key: str) -> None:
        folder, self.notice = cache_folder(config)
        self.path = folder / f"scan-{engine_key}.json" if folder is not None else None
        self.store = SignedStore(self.path, f"scan:{engine_key}")

    @property
    def entries(self) -> dict[str, list]:
        return self.store.entries

    def get(self, display: str, digest: str) -> list[Finding] | None:
        raw = self.store.get(display, digest)
        if not isinstance(raw, list):
            return None
        try:
            return [finding_from_dict(d) for d in raw]
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def put(self, display: str, digest: str, findings: list[Finding]) -> None:
        self.store.put(display, digest, [finding_to_dict(f) for f in findings])

    def save(self) -> None:
        self.store.save()


def summary_store(config: Config, name: str, context: str) -> SignedStore:
    """A signed per-repository store for an analyzer's project index (taint summaries)."""
    folder, _notice = cache_folder(config)
    return SignedStore(folder / name if folder is not None else None, context)
